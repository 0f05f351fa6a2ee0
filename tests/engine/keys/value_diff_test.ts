import assert from "node:assert/strict";
import { valueDiff } from "../../../engine/keys/value_diff.ts";

const FEATURES = ["cpi_yoy", "unrate_change", "dgs10_change", "dgs2_change", "vix", "term"];

Deno.test("a removed or added list element is named, not two truncated lists", () => {
  const without = FEATURES.filter((name) => name !== "vix");
  assert.deepEqual(valueDiff({ features: FEATURES }, { features: without }), [
    'features − "vix"',
  ]);
  assert.deepEqual(valueDiff({ features: without }, { features: FEATURES }), [
    'features + "vix"',
  ]);
  assert.deepEqual(
    valueDiff({ features: FEATURES }, { features: [...without, "vix_change", "a", "b", "c"] }),
    ['features − "vix"', 'features + "vix_change", "a", "b" (+1 more)'],
  );
});

Deno.test("same-length lists name the changed positions; a permutation says reordered", () => {
  assert.deepEqual(valueDiff({ years: [2016, 2017, 2018] }, { years: [2016, 2017, 2019] }), [
    "years[2] 2018 → 2019",
  ]);
  assert.deepEqual(valueDiff({ years: [1, 2, 3] }, { years: [3, 1, 2] }), ["years reordered"]);
  assert.deepEqual(valueDiff({ years: [1, 2] }, { years: [2, 1] }), ["years reordered"]);
  assert.deepEqual(
    valueDiff({ layers: [{ units: 8 }, { units: 4 }] }, { layers: [{ units: 8 }, { units: 6 }] }),
    ["layers[1].units 4 → 6"],
  );
});

Deno.test("a long scalar shows its first difference with context on both sides", () => {
  const before = "a-long-prefix-that-both-share/and-then-OLD-part/and-a-long-common-suffix-too";
  const after = "a-long-prefix-that-both-share/and-then-NEW-part/and-a-long-common-suffix-too";
  const [line] = valueDiff({ path: before }, { path: after });
  assert.equal(line, "path …re/and-then-OLD-part/and-a-… → …re/and-then-NEW-part/and-a-…");
  assert.deepEqual(valueDiff({ lr: 0.1 }, { lr: 0.2 }), ["lr 0.1 → 0.2"]);
  assert.deepEqual(valueDiff({ lr: 0.1 }, {}), ["lr 0.1 → (unset)"]);
  assert.deepEqual(valueDiff({ a: [1] }, { a: [1] }), []);
});
