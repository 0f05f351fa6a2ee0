/**
 * Maps unconstrained optimiser parameters onto stationary AR / invertible MA coefficients
 * (Monahan 1984, as statsmodels does when `enforce_stationarity` / `enforce_invertibility`):
 * each parameter becomes a partial autocorrelation in (−1, 1), and the Durbin–Levinson
 * recursion turns those into the coefficients of a stationary polynomial.
 *
 * Convention: AR coefficients φ of yₜ = φ₁yₜ₋₁ + … + εₜ; MA coefficients θ of
 * εₜ + θ₁εₜ₋₁ + …, invertible exactly when −θ is a stationary AR coefficient vector.
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";

/** Unconstrained reals → stationary AR coefficients. */
export function toStationary(unconstrained: ArrayLike<number>): Float64Array {
  const p = unconstrained.length;
  let phi = new Float64Array(0);
  for (let k = 0; k < p; k++) {
    const u = unconstrained[k];
    const r = u / Math.sqrt(1 + u * u);
    const next = new Float64Array(k + 1);
    for (let j = 0; j < k; j++) next[j] = phi[j] - r * phi[k - 1 - j];
    next[k] = r;
    phi = next;
  }
  return phi;
}

/**
 * Stationary AR coefficients → unconstrained reals (inverse of {@link toStationary}). Throws
 * when the coefficients are not stationary (a partial autocorrelation outside (−1, 1)).
 */
export function fromStationary(coefficients: ArrayLike<number>): Float64Array {
  const p = coefficients.length;
  let phi = Float64Array.from(coefficients);
  const out = new Float64Array(p);
  for (let k = p - 1; k >= 0; k--) {
    const r = phi[k];
    if (!(Math.abs(r) < 1)) {
      throw new Error(
        `fromStationary: coefficients [${Array.from(coefficients).join(", ")}] are not stationary`,
      );
    }
    out[k] = r / Math.sqrt(1 - r * r);
    const previous = new Float64Array(k);
    for (let j = 0; j < k; j++) previous[j] = (phi[j] + r * phi[k - 1 - j]) / (1 - r * r);
    phi = previous;
  }
  return out;
}

/** True when every partial autocorrelation of φ lies strictly inside (−1, 1). */
export function isStationary(coefficients: ArrayLike<number>, margin = 0): boolean {
  let phi = Float64Array.from(coefficients);
  for (let k = phi.length - 1; k >= 0; k--) {
    const r = phi[k];
    if (!(Math.abs(r) < 1 - margin)) return false;
    const previous = new Float64Array(k);
    for (let j = 0; j < k; j++) previous[j] = (phi[j] + r * phi[k - 1 - j]) / (1 - r * r);
    phi = previous;
  }
  return true;
}

/**
 * Smallest modulus of the roots of the lag polynomial 1 + c₁z + … + cₖzᵏ (Infinity when it
 * has none): pass −φ for the AR side, θ for the MA side. The reciprocal roots are the
 * eigenvalues of the companion matrix of c, so this is 1 / its spectral radius. Trailing
 * coefficients below 1e-8 are dropped first, as forecast::auto.arima does.
 */
export function minRootModulus(lagPolynomial: ArrayLike<number>): number {
  let k = lagPolynomial.length;
  while (k > 0 && Math.abs(lagPolynomial[k - 1]) < 1e-8) k--;
  if (k === 0) return Infinity;
  if (k === 1) return 1 / Math.abs(lagPolynomial[0]);
  const companion = new Matrix(k, k);
  for (let j = 0; j < k; j++) companion.set(0, j, -lagPolynomial[j]);
  for (let i = 1; i < k; i++) companion.set(i, i - 1, 1);
  const eigen = new EigenvalueDecomposition(companion);
  const radius = Math.max(
    ...eigen.realEigenvalues.map((re, i) => Math.hypot(re, eigen.imaginaryEigenvalues[i])),
  );
  return 1 / radius;
}
