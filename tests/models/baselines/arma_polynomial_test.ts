import assert from "node:assert/strict";
import {
  fromStationary,
  isStationary,
  minRootModulus,
  toStationary,
} from "../../../models/baselines/arma_polynomial.ts";
import { difference, differenceWeights } from "../../../models/baselines/differencing.ts";

/** Largest modulus of the roots of z^p − φ₁z^(p−1) − … − φₚ, by companion power iteration. */
function spectralRadius(phi: Float64Array): number {
  let v = Float64Array.from(phi, () => 1);
  let norm = 1;
  for (let k = 0; k < 4000; k++) {
    const next = new Float64Array(phi.length);
    for (let i = 0; i < phi.length; i++) {
      next[i] = phi[i] * v[0] + (i + 1 < phi.length ? v[i + 1] : 0);
    }
    norm = Math.hypot(...next);
    if (norm === 0) return 0;
    v = next.map((x) => x / norm);
  }
  return norm;
}

Deno.test("toStationary maps any reals to stationary AR coefficients", () => {
  for (const u of [[0.3], [5, -4], [-2, 3, 0.5, 9], [40, 40, 40]]) {
    const phi = toStationary(u);
    assert.equal(phi.length, u.length);
    assert.ok(isStationary(phi), `${phi}`);
    assert.ok(spectralRadius(phi) < 1, `${phi} radius ${spectralRadius(phi)}`);
  }
  // AR(1): φ = u/√(1+u²)
  assert.ok(Math.abs(toStationary([0.75])[0] - 0.6) < 1e-15);
});

Deno.test("fromStationary inverts toStationary and refuses non-stationary input", () => {
  const u = Float64Array.of(0.4, -1.1, 2.2);
  const back = fromStationary(toStationary(u));
  back.forEach((v, i) => assert.ok(Math.abs(v - u[i]) < 1e-10));
  assert.throws(() => fromStationary([1.2]), /not stationary/);
  assert.equal(isStationary([0.5, 0.6]), false); // 1 − 0.5z − 0.6z² has a root inside the unit circle
  assert.equal(isStationary([0.5, 0.3]), true);
});

Deno.test("minRootModulus finds the root of a lag polynomial nearest the unit circle", () => {
  const close = (actual: number, expected: number) =>
    assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} vs ${expected}`);
  close(minRootModulus([-0.5]), 2); // 1 − 0.5z: root 2
  close(minRootModulus([0.81, 0]), 1 / 0.81); // trailing zero dropped
  close(minRootModulus([0, 0.81]), 1 / 0.9); // 1 + 0.81z²: roots ±i/0.9
  close(minRootModulus([-1.5, 0.5]), 1); // (1 − z)(1 − 0.5z): a unit root
  close(minRootModulus([0.99999]), 1 / 0.99999); // the MA boundary of the S&P 2016 fit
  assert.equal(minRootModulus([]), Infinity);
  assert.equal(minRootModulus([1e-9]), Infinity);
  // Agrees with the partial-autocorrelation test: stationary ⇔ every root outside the circle.
  for (const phi of [[0.5, 0.3], [0.5, 0.6], [1.2, -0.5, 0.1]]) {
    assert.equal(minRootModulus(phi.map((v) => -v)) > 1, isStationary(phi), `${phi}`);
  }
});

Deno.test("difference and differenceWeights are inverse", () => {
  const x = [1, 4, 9, 16, 25, 36];
  assert.deepEqual([...difference(x, 1)], [3, 5, 7, 9, 11]);
  assert.deepEqual([...difference(x, 2)], [2, 2, 2, 2]);
  assert.deepEqual([...differenceWeights(2)], [-2, 1]);
  // x_t = Δ²x_t − c₁x_{t−1} − c₂x_{t−2}
  const [c1, c2] = differenceWeights(2);
  assert.equal(2 - c1 * x[4] - c2 * x[3], x[5]);
});
