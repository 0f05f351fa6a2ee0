import assert from "node:assert/strict";
import {
  difference,
  logReturns,
  rollingMean,
  rollingStd,
  rsi,
  simpleReturns,
} from "../../../data/features/rolling.ts";

const close = new Float64Array([
  44.34,
  44.09,
  44.15,
  43.61,
  44.33,
  44.83,
  45.10,
  45.42,
  45.84,
  46.08,
  45.89,
  46.03,
  45.61,
  46.28,
  46.28,
  46.00,
  46.03,
  46.41,
  46.22,
  45.64,
]);

// The closes of StockCharts' RSI worksheet, rounded to cents. Their sheet (70.53, 66.32, …)
// uses unrounded closes (44.3389, …); with these, by hand: gains 3.34/14 = 0.23857, losses
// 1.40/14 = 0.1 → RSI 70.46; next change −0.28 → gain 0.22153, loss 0.11286 → RSI 66.25.
Deno.test("rsi(14): Wilder's smoothing on the StockCharts example closes", () => {
  const values = rsi(close, 14);
  for (let t = 0; t < 14; t++) assert.ok(Number.isNaN(values[t]));
  const rounded = Array.from(values.slice(14, 19), (v) => Math.round(v * 100) / 100);
  assert.deepEqual(rounded, [70.46, 66.25, 66.48, 69.35, 66.29]);
});

Deno.test("rolling mean and sample std use trailing windows only", () => {
  const x = new Float64Array([1, 2, 4, 8, 16]);
  assert.deepEqual(Array.from(rollingMean(x, 3)), [NaN, NaN, 7 / 3, 14 / 3, 28 / 3]);
  const std = rollingStd(x, 3);
  assert.ok(Number.isNaN(std[1]));
  const window = [4, 8, 16];
  const mean = 28 / 3;
  const expected = Math.sqrt(window.reduce((s, v) => s + (v - mean) ** 2, 0) / 2);
  assert.ok(Math.abs(std[4] - expected) < 1e-12);
  // Changing a later value never changes an earlier statistic.
  const later = x.slice();
  later[4] = 1000;
  assert.deepEqual(Array.from(rollingStd(later, 3).slice(0, 4)), Array.from(std.slice(0, 4)));
});

Deno.test("returns and differences", () => {
  const x = new Float64Array([100, 110, 99]);
  assert.deepEqual(Array.from(simpleReturns(x)).map((v) => +v.toFixed(12)), [NaN, 0.1, -0.1]);
  assert.ok(Math.abs(logReturns(x)[1] - Math.log(1.1)) < 1e-15);
  assert.deepEqual(Array.from(difference(x)), [NaN, 10, -11]);
});
