import assert from "node:assert/strict";
import { blockBootstrap, defaultBlockLength } from "../../../evaluation/stats/bootstrap.ts";

const meanOf = (values: number[]) => (rows: Int32Array) => {
  let sum = 0;
  for (const r of rows) sum += values[r];
  return [rows.length ? sum / rows.length : NaN];
};

Deno.test("bootstrap is deterministic for a seed and changes with it", () => {
  const values = Array.from({ length: 120 }, (_, i) => Math.sin(i * 1.7) + (i % 3 === 0 ? 1 : 0));
  const strata = [Array.from({ length: 120 }, (_, i) => i)];
  const options = { strata, statistics: meanOf(values), reps: 500, level: 0.9, blockLength: 4 };
  const a = blockBootstrap({ ...options, seed: "7/tft/2016" });
  const b = blockBootstrap({ ...options, seed: "7/tft/2016" });
  const c = blockBootstrap({ ...options, seed: "8/tft/2016" });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  assert.ok(a[0]!.low < mean && mean < a[0]!.high, "interval brackets the sample mean");
});

Deno.test("bootstrap interval of iid data approximates the normal interval", () => {
  // Deterministic ±1 series with mean 0.2: the 95% half-width is ≈ 1.96·sd/√n.
  const n = 400;
  const values = Array.from({ length: n }, (_, i) => ((i * 7919) % 10) < 6 ? 1 : -1);
  const m = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1));
  const [ci] = blockBootstrap({
    strata: [Array.from({ length: n }, (_, i) => i)],
    statistics: meanOf(values),
    reps: 4000,
    level: 0.95,
    blockLength: 1,
    seed: "normal",
  });
  const halfWidth = (ci!.high - ci!.low) / 2;
  const expected = 1.959964 * sd / Math.sqrt(n);
  assert.ok(Math.abs(halfWidth / expected - 1) < 0.1, `half-width ${halfWidth} vs ${expected}`);
});

Deno.test("a constant paired difference gives a degenerate interval; strata stay apart", () => {
  const values = [0.5, 0.5, 0.5, 0.5, -1, -1];
  const [ci] = blockBootstrap({
    strata: [[0, 1, 2, 3]],
    statistics: meanOf(values),
    reps: 50,
    level: 0.95,
    blockLength: 2,
    seed: "x",
  });
  assert.deepEqual(ci, { low: 0.5, high: 0.5 });
  // Two strata: each resample keeps 4 rows of the first and 2 of the second.
  const [stratified] = blockBootstrap({
    strata: [[0, 1, 2, 3], [4, 5]],
    statistics: meanOf(values),
    reps: 50,
    level: 0.95,
    blockLength: 3,
    seed: "x",
  });
  assert.deepEqual(stratified, { low: 0, high: 0 });
  assert.equal(defaultBlockLength(1000, 1), 10);
  assert.equal(defaultBlockLength(8, 4), 4);
  assert.throws(
    () =>
      blockBootstrap({
        ...{ strata: [[0]], statistics: meanOf([1]), reps: 5 },
        level: 1,
        blockLength: 1,
        seed: "",
      }),
    /level must be in/,
  );
});
