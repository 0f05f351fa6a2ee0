/**
 * Hedge ratios β of a pair (y ≈ α + β·x) for a spread y − βx, four ways, so a pairs study
 * can show how much of a published result comes from a β that used the future:
 *
 * - `fullSampleBeta`: one OLS fit on the whole sample (as first shown: every β_t uses data
 *   after t).
 * - `expandingBeta`: OLS on rows 0 … t.
 * - `rollingBeta`: OLS on the last `window` rows up to t.
 * - `kalmanBeta`: (α, β) as a random walk observed through y_t = α_t + β_t·x_t + ε_t
 *   (Chan, *Algorithmic Trading*, 2013, ch. 3: state noise δ/(1 − δ)·I, observation noise
 *   V_e). `prior[t]` is the estimate before y_t is seen (what predicts y_t), `posterior[t]`
 *   after it. Neither uses a row after t.
 *
 * Rows before an estimate exists are NaN.
 */

export interface Line {
  alpha: number;
  beta: number;
}

/** Ordinary least squares of y on x (with intercept) over rows from … to (inclusive). */
export function olsLine(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  from = 0,
  to = x.length - 1,
): Line {
  const n = to - from + 1;
  if (n < 2) throw new RangeError(`a hedge ratio needs ≥ 2 rows, got ${n}`);
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let t = from; t <= to; t++) {
    sx += x[t];
    sy += y[t];
    sxx += x[t] * x[t];
    sxy += x[t] * y[t];
  }
  const variance = sxx - (sx * sx) / n;
  if (!(variance > 0)) {
    throw new RangeError(`x is constant over rows ${from}–${to}: no hedge ratio`);
  }
  const beta = (sxy - (sx * sy) / n) / variance;
  return { alpha: (sy - beta * sx) / n, beta };
}

function checkPair(x: ArrayLike<number>, y: ArrayLike<number>): void {
  if (x.length !== y.length) {
    throw new RangeError(`pair of unequal lengths: x ${x.length}, y ${y.length}`);
  }
}

/** The whole-sample β at every row: uses the future. */
export function fullSampleBeta(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  checkPair(x, y);
  return new Float64Array(x.length).fill(olsLine(x, y).beta);
}

/** β_t from rows 0 … t; NaN until `minRows` rows exist. */
export function expandingBeta(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  minRows: number,
): Float64Array {
  checkPair(x, y);
  return Float64Array.from(
    { length: x.length },
    (_, t) => (t + 1 >= minRows ? olsLine(x, y, 0, t).beta : NaN),
  );
}

/** β_t from rows t − window + 1 … t; NaN for the first window − 1 rows. */
export function rollingBeta(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  window: number,
): Float64Array {
  checkPair(x, y);
  return Float64Array.from(
    { length: x.length },
    (_, t) => (t + 1 >= window ? olsLine(x, y, t - window + 1, t).beta : NaN),
  );
}

export interface KalmanOptions {
  /** δ: how fast (α, β) may drift; Chan uses 1e-4. */
  delta: number;
  /** V_e, the observation noise variance; Chan uses 1e-3. */
  observationVariance: number;
}

export interface KalmanBeta {
  prior: { alpha: Float64Array; beta: Float64Array };
  posterior: { alpha: Float64Array; beta: Float64Array };
  /** Forecast error y_t − (α + βx_t) with the prior estimate, and its variance. */
  error: Float64Array;
  errorVariance: Float64Array;
}

export function kalmanBeta(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: KalmanOptions = { delta: 1e-4, observationVariance: 1e-3 },
): KalmanBeta {
  checkPair(x, y);
  const n = x.length;
  const vw = options.delta / (1 - options.delta);
  // State θ = (β, α), covariance P (2×2, symmetric), both starting at zero as in Chan.
  let [beta, alpha] = [0, 0];
  let [p11, p12, p22] = [0, 0, 0];
  const out: KalmanBeta = {
    prior: { alpha: new Float64Array(n), beta: new Float64Array(n) },
    posterior: { alpha: new Float64Array(n), beta: new Float64Array(n) },
    error: new Float64Array(n),
    errorVariance: new Float64Array(n),
  };
  for (let t = 0; t < n; t++) {
    // R = P + Vw·I; observation row F = (x_t, 1).
    const [r11, r12, r22] = [p11 + vw, p12, p22 + vw];
    const f = x[t];
    out.prior.beta[t] = beta;
    out.prior.alpha[t] = alpha;
    const error = y[t] - (f * beta + alpha);
    const rf1 = r11 * f + r12; // (R·Fᵀ)₁
    const rf2 = r12 * f + r22; // (R·Fᵀ)₂
    const q = f * rf1 + rf2 + options.observationVariance;
    const [k1, k2] = [rf1 / q, rf2 / q];
    beta += k1 * error;
    alpha += k2 * error;
    // P = R − K·F·R
    [p11, p12, p22] = [r11 - k1 * rf1, r12 - k1 * rf2, r22 - k2 * rf2];
    out.posterior.beta[t] = beta;
    out.posterior.alpha[t] = alpha;
    out.error[t] = error;
    out.errorVariance[t] = q;
  }
  return out;
}
