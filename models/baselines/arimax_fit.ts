/**
 * Maximum-likelihood fit of one ARIMAX(p, d, q) order: regression with ARIMA errors,
 * yₜ = xₜβ + uₜ with Δᵈuₜ an ARMA(p, q) process (statsmodels SARIMAX with exog,
 * `mle_regression=True`). β, φ and θ maximise the exact Gaussian likelihood of
 * Δᵈyₜ − Δᵈxₜβ (Kalman filter, σ² concentrated); for d > 0 that is the likelihood
 * statsmodels computes with its exact diffuse initialisation of the integrated states.
 *
 * Starting values: OLS for β, Hannan–Rissanen for the ARMA part. Internally y and each
 * regressor are rescaled to unit standard deviation (the maximum is equivariant) so one
 * optimiser step size suits every parameter; results come back in the data's units.
 */
import { Matrix, solve } from "ml-matrix";
import { armaLogLikelihood } from "./arma_state_space.ts";
import { fromStationary, isStationary, minRootModulus, toStationary } from "./arma_polynomial.ts";
import { minimizeBfgs } from "./bfgs.ts";
import { difference } from "./differencing.ts";

export interface ArimaxOrder {
  p: number;
  d: number;
  q: number;
}

/** The regression data of one fit: the series and its regressor columns, same length. */
export interface ArimaxData {
  y: Float64Array;
  /** One column per regressor (an intercept is a column of ones). */
  exog: Float64Array[];
  exogNames: string[];
}

export interface ArimaxFit {
  order: ArimaxOrder;
  beta: Float64Array;
  ar: Float64Array;
  ma: Float64Array;
  sigma2: number;
  logLikelihood: number;
  /** −2·loglik + 2·(regressors + p + q + 1 for σ²), as statsmodels counts. */
  aic: number;
  /** Observations in the likelihood (series length − d). */
  nobs: number;
  converged: boolean;
  iterations: number;
  /**
   * Smallest root modulus of the fitted AR polynomial 1 − φ₁z − … and MA polynomial
   * 1 + θ₁z + … (Infinity for an empty side). Near 1 means the fit sits on the boundary of
   * stationarity / invertibility, where the likelihood maximum is not a regular estimate.
   */
  rootModulus: { ar: number; ma: number };
}

export function fitArimaxOrder(
  data: ArimaxData,
  order: ArimaxOrder,
  maxIterations = 500,
): ArimaxFit {
  const { p, d, q } = order;
  const y = difference(data.y, d);
  const n = y.length;
  const k = data.exog.length;
  if (n <= k + p + q + 1) {
    throw new Error(
      `ARIMAX(${p},${d},${q}) with ${k} regressors needs more than ${k + p + q + 1} ` +
        `observations after differencing; the training window has ${n}`,
    );
  }
  const yScale = standardDeviation(y) || 1;
  const ys = y.map((v) => v / yScale);
  const xScales: number[] = [];
  const xs = data.exog.map((column, j) => {
    const diffed = difference(column, d);
    const isConstant = diffed.every((v) => v === diffed[0]);
    if (isConstant && (d > 0 || diffed[0] === 0)) {
      throw new Error(
        `ARIMAX(${p},${d},${q}): regressor "${data.exogNames[j]}" is constant after ` +
          `differencing ${d} time(s) over the training window, so its coefficient is not identified`,
      );
    }
    const scale = isConstant ? Math.abs(diffed[0]) : standardDeviation(diffed);
    xScales.push(scale);
    return diffed.map((v) => v / scale);
  });

  const residualsOf = (beta: ArrayLike<number>) => {
    const w = Float64Array.from(ys);
    for (let j = 0; j < k; j++) for (let t = 0; t < n; t++) w[t] -= beta[j] * xs[j][t];
    return w;
  };
  const unpack = (u: Float64Array) => ({
    beta: u.subarray(0, k),
    ar: toStationary(u.subarray(k, k + p)),
    ma: toStationary(u.subarray(k + p, k + p + q)).map((v) => -v),
  });
  const objective = (u: Float64Array) => {
    const { beta, ar, ma } = unpack(u);
    return -armaLogLikelihood(residualsOf(beta), { ar, ma }).logLikelihood / n;
  };

  const beta0 = k > 0 ? leastSquares(xs, ys, data.exogNames) : new Float64Array(0);
  const { ar: ar0, ma: ma0 } = hannanRissanen(residualsOf(beta0), p, q);
  const start = new Float64Array(k + p + q);
  start.set(beta0);
  start.set(fromStationary(ar0), k);
  start.set(fromStationary(ma0.map((v) => -v)), k + p);
  const result = minimizeBfgs(objective, start, { maxIterations, gradientTolerance: 1e-7 });

  const { beta, ar, ma } = unpack(result.x);
  const scaled = armaLogLikelihood(residualsOf(beta), { ar, ma });
  const logLikelihood = scaled.logLikelihood - n * Math.log(yScale);
  return {
    order,
    beta: Float64Array.from(beta, (b, j) => (b * yScale) / xScales[j]),
    ar,
    ma,
    sigma2: scaled.sigma2 * yScale * yScale,
    logLikelihood,
    aic: -2 * logLikelihood + 2 * (k + p + q + 1),
    nobs: n,
    converged: result.converged,
    iterations: result.iterations,
    rootModulus: { ar: minRootModulus(ar.map((v) => -v)), ma: minRootModulus(ma) },
  };
}

/**
 * Hannan–Rissanen starting values: a long autoregression estimates the innovations, then
 * OLS of wₜ on p lags of w and q lags of those innovations. Falls back to zeros when the
 * estimate is not stationary and invertible (the optimiser then starts from white noise).
 */
function hannanRissanen(
  w: Float64Array,
  p: number,
  q: number,
): { ar: Float64Array; ma: Float64Array } {
  const zeros = { ar: new Float64Array(p), ma: new Float64Array(q) };
  if (p + q === 0) return zeros;
  const n = w.length;
  const longOrder = q > 0
    ? Math.min(Math.max(p + q, Math.floor(Math.log(n) ** 2)), Math.floor(n / 4))
    : 0;
  let innovations = new Float64Array(n);
  if (q > 0) {
    const longAr = lagRegression(w, longOrder, null, 0);
    if (!longAr) return zeros;
    innovations = Float64Array.from(w, (v, t) => {
      if (t < longOrder) return 0;
      let fitted = 0;
      for (let j = 0; j < longOrder; j++) fitted += longAr[j] * w[t - 1 - j];
      return v - fitted;
    });
  }
  const coefficients = lagRegression(w, p, q > 0 ? innovations : null, q, longOrder);
  if (!coefficients) return zeros;
  const ar = coefficients.subarray(0, p);
  const ma = coefficients.subarray(p, p + q);
  const invertible = isStationary(ma.map((v) => -v), 0.01);
  return isStationary(ar, 0.01) && invertible ? { ar, ma } : zeros;
}

/** OLS of wₜ on wₜ₋₁..wₜ₋ₚ (and eₜ₋₁..eₜ₋q), from t = max(p, q) + skip; null if singular. */
function lagRegression(
  w: Float64Array,
  p: number,
  e: Float64Array | null,
  q: number,
  skip = 0,
): Float64Array | null {
  const first = Math.max(p, q) + skip;
  const rows = w.length - first;
  if (rows <= p + q) return null;
  const columns: Float64Array[] = [];
  for (let j = 1; j <= p; j++) columns.push(w.subarray(first - j, first - j + rows));
  for (let j = 1; j <= q; j++) columns.push(e!.subarray(first - j, first - j + rows));
  try {
    return leastSquares(columns, w.subarray(first), null);
  } catch {
    return null;
  }
}

/** OLS coefficients of y on the given columns (QR); names make singular designs clear. */
function leastSquares(
  columns: Float64Array[],
  y: Float64Array,
  names: string[] | null,
): Float64Array {
  const n = y.length;
  const design = new Matrix(n, columns.length);
  columns.forEach((column, j) => {
    for (let t = 0; t < n; t++) design.set(t, j, column[t]);
  });
  let beta: Float64Array | null = null;
  try {
    beta = Float64Array.from(solve(design, Matrix.columnVector(Array.from(y))).getColumn(0));
  } catch {
    beta = null;
  }
  if (!beta || !beta.every(Number.isFinite)) {
    const which = names ? `: regressors ${names.join(", ")} are collinear` : "";
    throw new Error(`least squares is rank deficient${which}; drop a redundant regressor`);
  }
  return beta;
}

function standardDeviation(x: Float64Array): number {
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  return Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length);
}
