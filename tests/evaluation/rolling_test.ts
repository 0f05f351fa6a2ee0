import assert from "node:assert/strict";
import { rollingAccuracy, rollingMean } from "../../evaluation/rolling.ts";

Deno.test("rolling mean over the last rows, none before the window fills", () => {
  assert.deepEqual(rollingMean([1, 0, 1, 1, 0], 2), [null, 0.5, 0.5, 1, 0.5]);
  assert.deepEqual(rollingMean([1, 0], 3), [null, null]);
  assert.throws(() => rollingMean([1], 0), /positive whole number/);
});

Deno.test("rolling accuracy beside always-long's share of up moves on the same rows", () => {
  const point = [0.1, -0.1, 0.2, -0.3];
  const actual = [0.5, 0.2, -0.1, -0.4];
  // hits: 1, 0, 0, 1; up moves: 1, 1, 0, 0
  assert.deepEqual(rollingAccuracy({ point, actual }, 2), {
    da: [null, 0.5, 0, 0.5],
    baseRate: [null, 1, 0.5, 0],
  });
});
