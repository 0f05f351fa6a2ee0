/**
 * Pieces of the mixer/Mamba benchmarks that can be checked without timing anything: the
 * scaling-exponent fit recovers known powers, and the synthetic bench fold has the splits
 * and shapes asked for, with every origin's window inside it.
 */
import assert from "node:assert/strict";
import { scalingExponent } from "../../models/latency/measure.ts";
import { benchFold } from "../../bench/mixers/fold.ts";

Deno.test("scalingExponent recovers cost ∝ L^k", () => {
  const lengths = [60, 250, 1000, 4000];
  for (const k of [1, 2, 1.5]) {
    const exponent = scalingExponent(lengths, lengths.map((l) => 3e-4 * l ** k));
    assert.ok(Math.abs(exponent - k) < 1e-9, `k = ${k}: got ${exponent}`);
  }
  const noisy = scalingExponent(lengths, lengths.map((l, i) => l * (i % 2 ? 1.1 : 0.9)));
  assert.ok(Math.abs(noisy - 1) < 0.1);
});

Deno.test("benchFold has the asked splits, widths and full windows", () => {
  const fold = benchFold({ train: 20, validation: 5, encoderLength: 7, features: 3, horizon: 2 });
  assert.equal(fold.splits.train.length, 20);
  assert.equal(fold.splits.validation.length, 5);
  assert.equal(fold.past.cols, 3);
  const last = fold.splits.test.at(-1)!;
  assert.equal(fold.splits.train[0], 6, "the first origin has a full encoder window");
  assert.equal(last + fold.horizon, fold.dates.length - 1, "the last origin has its horizon");
  assert.deepEqual(
    benchFold({ train: 20, validation: 5, encoderLength: 7, features: 3, horizon: 2 }).past,
    fold.past,
  );
});
