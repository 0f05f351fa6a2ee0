import assert from "node:assert/strict";
import { fitStandardizer, standardize } from "../../data/scaler.ts";

Deno.test("scaler: mean and population std from the given rows only", () => {
  const a = new Float64Array([1, 2, 3, 100]);
  const b = new Float64Array([5, 5, 5, -7]);
  const scaler = fitStandardizer(["a", "b"], [a, b], { from: 0, to: 3 });
  assert.deepEqual(scaler.names, ["a", "b"]);
  assert.equal(scaler.mean[0], 2);
  assert.ok(Math.abs(scaler.std[0] - Math.sqrt(2 / 3)) < 1e-15);
  assert.equal(scaler.mean[1], 5);
  assert.equal(scaler.std[1], 1, "a constant column keeps std 1");
  const scaled = standardize([a, b], scaler, { rows: { from: 2, to: 4 } });
  assert.equal(scaled.length, 4);
  assert.ok(Math.abs(scaled[0] - 1 / Math.sqrt(2 / 3)) < 1e-6);
  assert.equal(scaled[1], 0);
  assert.equal(scaled[3], -12);
});

Deno.test("scaler: fewer than two rows is an error", () => {
  assert.throws(
    () => fitStandardizer(["a"], [new Float64Array(3)], { from: 1, to: 2 }),
    /1 training rows/,
  );
});

Deno.test("standardize clips scaled values at ±clip and keeps NaN visible", () => {
  const column = Float64Array.from([0, 1, 0, 1, 100, -100, NaN]);
  const scaler = fitStandardizer(["x"], [column], { from: 0, to: 4 });
  const scaled = standardize([column], scaler, { rows: { from: 0, to: 7 }, clip: 5 });
  assert.deepEqual(Array.from(scaled.subarray(0, 4)), [-1, 1, -1, 1]);
  assert.equal(scaled[4], 5);
  assert.equal(scaled[5], -5);
  assert.ok(Number.isNaN(scaled[6]));
  const unclipped = standardize([column], scaler, { rows: { from: 4, to: 5 } });
  assert.equal(unclipped[0], 199);
});
