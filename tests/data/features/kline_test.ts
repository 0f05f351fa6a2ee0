import assert from "node:assert/strict";
import { klines, scaleKlines } from "../../../data/features/kline.ts";

const bars = {
  dates: ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"],
  open: Float64Array.from([100, 101, NaN, 104]),
  high: Float64Array.from([102, 103, 105, 106]),
  low: Float64Array.from([99, 100, 101, 103]),
  close: Float64Array.from([101, 102, 104, 105]),
  volume: Float64Array.from([1000, 2000, 0, 1500]),
};

Deno.test("K-lines by hand: log return, range, body and volume change; undefined parts are NaN", () => {
  const k = klines(bars);
  assert.ok(Number.isNaN(k.return[0]) && Number.isNaN(k.volume[0]));
  assert.equal(k.return[1], Math.log(102 / 101));
  assert.equal(k.range[0], Math.log(102 / 99));
  assert.equal(k.body[1], Math.log(102 / 101));
  assert.ok(Number.isNaN(k.body[2]), "no open");
  assert.equal(k.volume[1], Math.log(2));
  assert.ok(Number.isNaN(k.volume[2]) && Number.isNaN(k.volume[3]), "to or from zero volume");
});

Deno.test("K-line scaling uses the training rows only; later rows never move the statistics", () => {
  const k = klines(bars);
  const { scaled, scale } = scaleKlines(k, { from: 0, to: 3 });
  const ranges = [Math.log(102 / 99), Math.log(103 / 100), Math.log(105 / 101)];
  const mean = ranges.reduce((a, b) => a + b, 0) / 3;
  assert.ok(Math.abs(scale.mean.range - mean) < 1e-15);
  assert.ok(Math.abs(scaled.range[3] - (Math.log(106 / 103) - mean) / scale.std.range) < 1e-12);
  const changed = klines({ ...bars, high: Float64Array.from([102, 103, 105, 500]) });
  assert.deepEqual(scaleKlines(changed, { from: 0, to: 3 }).scale, scale);
  // A part with fewer than two finite training values keeps mean 0 and std 1.
  const short = scaleKlines(k, { from: 0, to: 2 });
  assert.deepEqual([short.scale.mean.return, short.scale.std.return], [0, 1]);
});
