/** Element-wise closeness for golden tests: |a − e| ≤ tol · max(1, |e|), naming the element. */
import assert from "node:assert/strict";

export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: number,
  label: string,
) {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i]));
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= tol * scale,
      `${label}[${i}]: ${actual[i]} vs ${expected[i]}`,
    );
  }
}
