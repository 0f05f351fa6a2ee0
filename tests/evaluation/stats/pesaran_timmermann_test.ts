import assert from "node:assert/strict";
import { pesaranTimmermann } from "../../../evaluation/stats/pesaran_timmermann.ts";
import { assertClose, STATS_REFERENCE } from "./reference.ts";

Deno.test("Pesaran–Timmermann matches an independent NumPy implementation", () => {
  const { actual, forecast } = STATS_REFERENCE.inputs;
  const expected = STATS_REFERENCE.pesaranTimmermann;
  const result = pesaranTimmermann(forecast, actual);
  assertClose(result.hitRate, expected.hitRate, "hit rate", 1e-15);
  assertClose(result.expectedHitRate, expected.expectedHitRate, "expected hit rate", 1e-15);
  assertClose(result.stat, expected.stat, "PT statistic", 1e-12);
  assertClose(result.pValue, expected.pValue, "PT p-value", 1e-12);
});

Deno.test("Pesaran–Timmermann by hand on a 2×2 table", () => {
  // 4 rows: forecasts up,up,down,down; outcomes up,down,down,down.
  // P = 3/4, Py = 1/4, Px = 1/2, P* = 1/8 + 3/8 = 1/2, V(P) = 1/16,
  // V(P*) = (−1/2)²(1/4)/4 + 0 + 4(1/4)(1/2)(3/4)(1/2)/16 = 1/64 + 3/256 = 7/256.
  const result = pesaranTimmermann([0.2, 0.1, -0.1, 0], [0.3, -0.2, -0.1, -0.4]);
  assert.equal(result.hitRate, 0.75);
  assert.equal(result.expectedHitRate, 0.5);
  assertClose(result.stat, 0.25 / Math.sqrt(1 / 16 - 7 / 256), "statistic", 1e-14);
});

Deno.test("Pesaran–Timmermann is undefined for an always-long forecast", () => {
  const result = pesaranTimmermann([1, 1, 1, 1], [0.1, -0.1, 0.2, 0.3]);
  assert.equal(result.stat, null);
  assert.equal(result.pValue, null);
  assert.equal(result.hitRate, 0.75);
  assert.throws(() => pesaranTimmermann([1], [1, 2]), /1 forecasts but 2 outcomes/);
});
