import { lstmConfig } from "../../../models/lstm/config.ts";
import { assertDocumentedDefaults } from "../baselines/readme_defaults.ts";

Deno.test("models/lstm/README.md documents every lstm field with its schema default", async () => {
  const readme = await Deno.readTextFile(
    new URL("../../../models/lstm/README.md", import.meta.url),
  );
  assertDocumentedDefaults(readme, { lstm: lstmConfig });
});
