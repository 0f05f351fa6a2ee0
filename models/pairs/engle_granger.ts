/**
 * Engle–Granger cointegration of a pair of log-price series: OLS of y on x (with intercept),
 * then an augmented Dickey–Fuller regression on the residuals e_t,
 * Δe_t = ρ·e_{t−1} + Σ_{k=1..lags} γ_k·Δe_{t−k} + u_t (no constant: the residuals have mean
 * zero), whose t-statistic on ρ is compared with MacKinnon's (2010) response-surface critical
 * value for two variables with a constant. A more negative t is stronger evidence of a
 * stationary spread.
 */
import { olsLine } from "./hedge_ratio.ts";
import { solveLeastSquares } from "./least_squares.ts";

export interface EngleGranger {
  alpha: number;
  beta: number;
  /** ADF t-statistic of the residuals' lagged level. */
  tStat: number;
  /** MacKinnon (2010) critical value at `level` for this sample size. */
  critical: number;
  rows: number;
}

/** MacKinnon (2010), table 2, N = 2, constant: β∞ + β1/T + β2/T² per level. */
const MACKINNON_N2_CONSTANT: Record<"0.01" | "0.05" | "0.10", [number, number, number]> = {
  "0.01": [-3.89644, -10.9519, -33.527],
  "0.05": [-3.33613, -6.1101, -6.823],
  "0.10": [-3.04445, -4.2412, -2.72],
};

export type CointegrationLevel = keyof typeof MACKINNON_N2_CONSTANT;

export function engleGrangerCritical(rows: number, level: CointegrationLevel): number {
  const [b0, b1, b2] = MACKINNON_N2_CONSTANT[level];
  return b0 + b1 / rows + b2 / (rows * rows);
}

/** ADF t-statistic of ρ on a mean-zero series (no constant, `lags` lagged differences). */
export function adfTStat(series: ArrayLike<number>, lags: number): number {
  const n = series.length;
  const rows = n - 1 - lags;
  if (rows < lags + 10) throw new RangeError(`ADF needs more rows: ${n} for ${lags} lags`);
  const diff = (t: number) => series[t] - series[t - 1];
  const design: number[][] = [];
  const target: number[] = [];
  for (let t = lags + 1; t < n; t++) {
    design.push([series[t - 1], ...Array.from({ length: lags }, (_, k) => diff(t - 1 - k))]);
    target.push(diff(t));
  }
  const fit = solveLeastSquares(design, target);
  return fit.coefficients[0] / fit.standardErrors[0];
}

export function engleGranger(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: { lags: number; level: CointegrationLevel },
): EngleGranger {
  const { alpha, beta } = olsLine(x, y);
  const residuals = Float64Array.from({ length: x.length }, (_, t) => y[t] - alpha - beta * x[t]);
  return {
    alpha,
    beta,
    tStat: adfTStat(residuals, options.lags),
    critical: engleGrangerCritical(x.length, options.level),
    rows: x.length,
  };
}
