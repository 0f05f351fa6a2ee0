/**
 * Exact Gaussian likelihood of an ARMA(p, q) process through the Kalman filter, in the
 * Harvey state-space form statsmodels' SARIMAX uses: state dimension r = max(p, q + 1),
 * companion transition with φ in the first column, selection vector [1, θ₁, …, θᵣ₋₁], the
 * observation reading the first state. The state starts at its stationary distribution
 * (P₁ solves P = TPTᵀ + RRᵀ), so the likelihood is exact, not conditional.
 *
 * The innovation variance σ² is concentrated out: the filter runs with σ² = 1 and
 * σ̂² = (1/n) Σ vₜ²/fₜ, the same maximum as estimating σ² as a parameter.
 */
import { Matrix, solve } from "ml-matrix";

export interface ArmaCoefficients {
  ar: Float64Array;
  ma: Float64Array;
}

export interface ConcentratedLikelihood {
  logLikelihood: number;
  sigma2: number;
}

/** Kalman filter of one ARMA process; `step` consumes one observation at a time. */
export class ArmaFilter {
  readonly dim: number;
  readonly #phi: Float64Array;
  readonly #selection: Float64Array;
  /** Predicted state a(t|t−1) and its covariance, in units of σ². */
  readonly state: Float64Array;
  #cov: Float64Array;
  #scratch: Float64Array;

  constructor({ ar, ma }: ArmaCoefficients) {
    const r = Math.max(ar.length, ma.length + 1);
    this.dim = r;
    this.#phi = new Float64Array(r);
    this.#phi.set(ar);
    this.#selection = new Float64Array(r);
    this.#selection[0] = 1;
    this.#selection.set(ma, 1);
    this.state = new Float64Array(r);
    this.#cov = stationaryCovariance(this.#phi, this.#selection);
    this.#scratch = new Float64Array(r * r);
  }

  /** The one-step prediction of the next observation and its variance (units of σ²). */
  get prediction(): { mean: number; variance: number } {
    return { mean: this.state[0], variance: this.#cov[0] };
  }

  /** Updates with observation w; returns the innovation v and its variance f. */
  step(w: number): { innovation: number; variance: number } {
    const r = this.dim;
    const a = this.state;
    const p = this.#cov;
    const f = p[0];
    const v = w - a[0];
    // Filtered: a += P[:,0] v / f; P -= P[:,0] P[0,:] / f.
    for (let i = 0; i < r; i++) a[i] += (p[i * r] * v) / f;
    const updated = this.#scratch;
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < r; j++) updated[i * r + j] = p[i * r + j] - (p[i * r] * p[j]) / f;
    }
    // Predicted: a ← T a; P ← T P Tᵀ + R Rᵀ (T is the companion matrix).
    transitionInPlace(this.#phi, a);
    this.#cov = propagateCovariance(this.#phi, this.#selection, updated);
    this.#scratch = p;
    return { innovation: v, variance: f };
  }

  /** Mean of the observation h ≥ 1 steps after the current prediction point (h = 1: next). */
  forecastMean(h: number): number {
    const a = Float64Array.from(this.state);
    for (let step = 1; step < h; step++) transitionInPlace(this.#phi, a);
    return a[0];
  }
}

/** Exact log-likelihood of w under ARMA(φ, θ) with σ² concentrated out. */
export function armaLogLikelihood(
  w: ArrayLike<number>,
  coefficients: ArmaCoefficients,
): ConcentratedLikelihood {
  const filter = new ArmaFilter(coefficients);
  const n = w.length;
  let sumSquares = 0;
  let sumLogVariance = 0;
  for (let t = 0; t < n; t++) {
    const { innovation, variance } = filter.step(w[t]);
    sumSquares += (innovation * innovation) / variance;
    sumLogVariance += Math.log(variance);
  }
  const sigma2 = sumSquares / n;
  const logLikelihood = -0.5 * n * (Math.log(2 * Math.PI) + 1 + Math.log(sigma2)) -
    0.5 * sumLogVariance;
  return { logLikelihood, sigma2 };
}

function transitionInPlace(phi: Float64Array, a: Float64Array): void {
  const r = a.length;
  const first = a[0];
  for (let i = 0; i < r - 1; i++) a[i] = phi[i] * first + a[i + 1];
  a[r - 1] = phi[r - 1] * first;
}

/** T P Tᵀ + R Rᵀ for the companion T, with P row-major r×r. */
function propagateCovariance(
  phi: Float64Array,
  selection: Float64Array,
  p: Float64Array,
): Float64Array {
  const r = phi.length;
  const tp = new Float64Array(r * r);
  for (let j = 0; j < r; j++) {
    const first = p[j];
    for (let i = 0; i < r - 1; i++) tp[i * r + j] = phi[i] * first + p[(i + 1) * r + j];
    tp[(r - 1) * r + j] = phi[r - 1] * first;
  }
  const out = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    const first = tp[i * r];
    for (let j = 0; j < r - 1; j++) out[i * r + j] = first * phi[j] + tp[i * r + j + 1];
    out[i * r + r - 1] = first * phi[r - 1];
    for (let j = 0; j < r; j++) out[i * r + j] += selection[i] * selection[j];
  }
  return out;
}

/** Solves P = T P Tᵀ + R Rᵀ via vec(P) = (I − T⊗T)⁻¹ vec(RRᵀ). */
function stationaryCovariance(phi: Float64Array, selection: Float64Array): Float64Array {
  const r = phi.length;
  const transition = new Matrix(r, r);
  for (let i = 0; i < r; i++) {
    transition.set(i, 0, phi[i]);
    if (i + 1 < r) transition.set(i, i + 1, 1);
  }
  const system = Matrix.eye(r * r).sub(kronecker(transition, transition));
  const rhs = new Matrix(r * r, 1);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) rhs.set(i * r + j, 0, selection[i] * selection[j]);
  }
  const solution = solve(system, rhs);
  return Float64Array.from({ length: r * r }, (_, k) => solution.get(k, 0));
}

function kronecker(a: Matrix, b: Matrix): Matrix {
  const out = new Matrix(a.rows * b.rows, a.columns * b.columns);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.columns; j++) {
      const scale = a.get(i, j);
      if (scale === 0) continue;
      for (let k = 0; k < b.rows; k++) {
        for (let l = 0; l < b.columns; l++) {
          out.set(i * b.rows + k, j * b.columns + l, scale * b.get(k, l));
        }
      }
    }
  }
  return out;
}
