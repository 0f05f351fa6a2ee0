import { clsTransformerConfig } from "../../../models/transformer/config.ts";
import { assertDocumentedDefaults } from "../baselines/readme_defaults.ts";

Deno.test("models/transformer/README.md documents every cls-transformer field with its default", async () => {
  const readme = await Deno.readTextFile(
    new URL("../../../models/transformer/README.md", import.meta.url),
  );
  assertDocumentedDefaults(readme, { "cls-transformer": clsTransformerConfig });
});
