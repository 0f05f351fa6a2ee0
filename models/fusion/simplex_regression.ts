/**
 * Constrained regression weights: w minimising Σ_t (y_t − Σ_n w_n x_{t,n})² subject to
 * w_n ≥ 0 and Σ w_n = 1, for the index return y on constituent returns x over a fold's
 * training rows (see weights.ts for when to prefer it). Solved by accelerated projected
 * gradient (FISTA) on the Gram matrix with the Euclidean projection onto the simplex
 * (Duchi et al. 2008), from equal weights, for a fixed iteration budget with an early stop:
 * deterministic, no randomness. A constituent's missing return (no bar that day) counts 0;
 * a constituent with no return in the rows, or not `eligible`, is held at 0.
 */
import { normalised } from "./weights.ts";

export interface SimplexRegressionOptions {
  /** Index return per row. */
  y: ArrayLike<number>;
  /** Constituent returns, [rows, members] row-major; NaN where the constituent has no bar. */
  x: ArrayLike<number>;
  members: number;
  eligible: readonly boolean[];
  maxIterations?: number;
  tolerance?: number;
}

/** Euclidean projection of `v` onto { w ≥ 0, Σ w = 1 }. */
export function projectToSimplex(v: readonly number[]): number[] {
  const sorted = [...v].sort((a, b) => b - a);
  let cumulative = 0;
  let theta = 0;
  for (let k = 0; k < sorted.length; k++) {
    cumulative += sorted[k];
    const candidate = (cumulative - 1) / (k + 1);
    if (sorted[k] - candidate > 0) theta = candidate;
  }
  return v.map((value) => Math.max(0, value - theta));
}

export function simplexRegressionWeights(options: SimplexRegressionOptions): number[] {
  const { y, x, members: N, eligible } = options;
  const T = y.length;
  if (x.length !== T * N || eligible.length !== N) {
    throw new RangeError(`simplex regression: ${T} rows × ${N} members but ${x.length} cells`);
  }
  const seen = new Array<boolean>(N).fill(false);
  for (let t = 0; t < T; t++) {
    for (let n = 0; n < N; n++) if (Number.isFinite(x[t * N + n])) seen[n] = true;
  }
  const active = Array.from({ length: N }, (_, n) => n).filter((n) => eligible[n] && seen[n]);
  if (active.length === 0) normalised([], "constrained-regression weights");
  const K = active.length;
  const gram = new Float64Array(K * K);
  const cross = new Float64Array(K);
  let rows = 0;
  const row = new Float64Array(K);
  for (let t = 0; t < T; t++) {
    if (!Number.isFinite(y[t])) continue;
    rows++;
    for (let k = 0; k < K; k++) {
      const value = x[t * N + active[k]];
      row[k] = Number.isFinite(value) ? value : 0;
    }
    for (let i = 0; i < K; i++) {
      cross[i] += row[i] * y[t];
      for (let j = 0; j < K; j++) gram[i * K + j] += row[i] * row[j];
    }
  }
  if (rows === 0) throw new Error("constrained-regression weights: no index return in the rows");
  // Step 1/L with L ≥ the largest eigenvalue (the Gram matrix's largest row sum of |g|).
  let lipschitz = 0;
  for (let i = 0; i < K; i++) {
    let sum = 0;
    for (let j = 0; j < K; j++) sum += Math.abs(gram[i * K + j]);
    lipschitz = Math.max(lipschitz, sum);
  }
  const step = lipschitz > 0 ? 1 / lipschitz : 1;
  let w = new Array<number>(K).fill(1 / K);
  let z = w.slice();
  let momentum = 1;
  const maxIterations = options.maxIterations ?? 5000;
  const tolerance = options.tolerance ?? 1e-12;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const gradient = Array.from({ length: K }, (_, i) => {
      let g = -cross[i];
      for (let j = 0; j < K; j++) g += gram[i * K + j] * z[j];
      return g;
    });
    const next = projectToSimplex(z.map((value, i) => value - step * gradient[i]));
    const nextMomentum = (1 + Math.sqrt(1 + 4 * momentum * momentum)) / 2;
    const change = next.reduce((s, value, i) => s + Math.abs(value - w[i]), 0);
    z = next.map((value, i) => value + ((momentum - 1) / nextMomentum) * (value - w[i]));
    w = next;
    momentum = nextMomentum;
    if (change < tolerance) break;
  }
  const out = new Array<number>(N).fill(0);
  active.forEach((n, k) => (out[n] = w[k]));
  return normalised(out, "constrained-regression weights");
}
