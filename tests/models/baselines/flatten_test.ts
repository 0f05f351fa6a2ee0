import assert from "node:assert/strict";
import { flatNames, flattenWindows } from "../../../models/baselines/flatten.ts";
import { syntheticFold } from "./synthetic_fold.ts";

const fold = syntheticFold({
  target: [0, 1, 2, 3, 4, 5, 6, 7],
  past: { x: [10, 11, 12, 13, 14, 15, 16, 17], y: [20, 21, 22, 23, 24, 25, 26, 27] },
  static: { regime: [0, 0, 1, 1, 2, 2, 3, 3] },
  encoderLength: 3,
  horizon: 2,
  splits: { train: [2, 3], validation: [4], test: [5] },
});
const model = "test-model";

Deno.test("flattenWindows lays out lags oldest first, then statics, with names", () => {
  const all = { lags: null, includeStatic: true, model };
  assert.deepEqual(flatNames(fold, all), [
    "lag2:x",
    "lag2:y",
    "lag1:x",
    "lag1:y",
    "lag0:x",
    "lag0:y",
    "static:regime",
  ]);
  const inputs = flattenWindows(fold, ["train", "validation"], all);
  assert.equal(inputs.rows, 3);
  assert.deepEqual([...inputs.values.subarray(0, 7)], [10, 20, 11, 21, 12, 22, 1]);
  assert.deepEqual([...inputs.origins], [2, 3, 4]);
  assert.deepEqual([...inputs.targets], [3, 4, 4, 5, 5, 6]);
});

Deno.test("flattenWindows keeps only the last `lags` rows and can drop statics", () => {
  const inputs = flattenWindows(fold, ["test"], { lags: 1, includeStatic: false, model });
  assert.deepEqual(inputs.names, ["lag0:x", "lag0:y"]);
  assert.deepEqual([...inputs.values], [15, 25]);
  assert.throws(
    () => flattenWindows(fold, ["test"], { lags: 4, includeStatic: false, model }),
    /test-model config\.lags: 4 exceeds fold synthetic's encoder length 3; lower lags/,
  );
});

Deno.test("flattenWindows names the origin and input that is missing", () => {
  const gappy = structuredClone(fold);
  gappy.past.values[3 * 2 + 1] = NaN; // y at row 3
  assert.throws(
    () => flattenWindows(gappy, ["train"], { lags: null, includeStatic: true, model }),
    /train origin row 3 \(2000-01-28\): input lag0:y is NaN/,
  );
});
