import assert from "node:assert/strict";
import { MODEL_KINDS } from "../../../models/registry.ts";
import { assertDocumentedDefaults, formatDefault } from "./readme_defaults.ts";

// That every registered kind's README documents its defaults is checked by the contract suite
// (tests/models/contract/); this file checks that the check itself catches mistakes.

const readme = await Deno.readTextFile(
  new URL("../../../models/baselines/README.md", import.meta.url),
);

Deno.test("the README check catches a wrong or missing default", () => {
  const wrong = readme.replace("| `alpha`         | `1000`", "| `alpha`         | `100`");
  assert.notEqual(wrong, readme);
  assert.throws(
    () => assertDocumentedDefaults(wrong, { ridge: MODEL_KINDS.get("ridge")!.schema }),
    /ridge: the README's default of `alpha`/,
  );
  const missing = readme.replace(/^\| `maxBins`.*\n/m, "");
  assert.throws(
    () =>
      assertDocumentedDefaults(missing, {
        "random-forest": MODEL_KINDS.get("random-forest")!.schema,
      }),
    /random-forest: the README has no row for `maxBins`/,
  );
  assert.deepEqual([0.00001, 1 / 3, [0, 1], "train", null].map(formatDefault), [
    "0.00001",
    "1/3",
    "[0, 1]",
    '"train"',
    "null",
  ]);
});
