/**
 * Annualised Sharpe ratio of a daily return series with a stationary-bootstrap percentile
 * interval (Politis & Romano: blocks keep the series' dependence), for the claims audit's
 * trading claims. `riskFree` is an annual rate subtracted from the annualised mean, as in
 * (annual return − r_f) / annual volatility; 0 gives the plain Sharpe ratio.
 */
import { quantileSorted } from "../stats/descriptive.ts";
import { stationaryBootstrap } from "../stats/stationary_bootstrap.ts";

export interface SharpeOptions {
  periodsPerYear: number;
  /** Annual risk-free rate subtracted from the annual return (0.02 = 2%). */
  riskFree: number;
  reps: number;
  meanBlock: number;
  /** Central coverage of the interval (0.95). */
  level: number;
  seed: string;
}

export interface SharpeEstimate {
  sharpe: number;
  low: number;
  high: number;
  /** Mean daily return × periods per year. */
  annualReturn: number;
  annualVolatility: number;
  rows: number;
}

/** Annualised (mean·P − r_f) / (sd·√P); 0 for a series with no variance (a flat strategy). */
export function annualSharpe(
  returns: ArrayLike<number>,
  options: Pick<SharpeOptions, "periodsPerYear" | "riskFree">,
  rows?: ArrayLike<number>,
): number {
  const n = rows ? rows.length : returns.length;
  const at = (i: number) => returns[rows ? rows[i] : i];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += at(i);
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (at(i) - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const excess = mean * options.periodsPerYear - options.riskFree;
  return sd > 0 ? excess / (sd * Math.sqrt(options.periodsPerYear)) : 0;
}

/**
 * Stationary-bootstrap percentile interval of `statistic` over resampled rows of a series of
 * `rows` values, widened if need be to contain `point` (skewed draws can leave it outside).
 */
export function bootstrapInterval(
  rows: number,
  point: number,
  statistic: (rows: Int32Array) => number,
  options: Pick<SharpeOptions, "reps" | "meanBlock" | "level" | "seed">,
): { low: number; high: number } {
  const draws = Float64Array.from(
    stationaryBootstrap({
      rows,
      reps: options.reps,
      meanBlock: options.meanBlock,
      seed: options.seed,
    }),
    statistic,
  ).sort();
  const tail = (1 - options.level) / 2;
  return {
    low: Math.min(point, quantileSorted(draws, tail)),
    high: Math.max(point, quantileSorted(draws, 1 - tail)),
  };
}

export function sharpeWithInterval(
  returns: ArrayLike<number>,
  options: SharpeOptions,
): SharpeEstimate {
  const n = returns.length;
  if (n < 2) throw new RangeError(`a Sharpe ratio needs ≥ 2 returns, got ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(returns[i])) {
      throw new RangeError(`return ${i} is ${returns[i]}: score finite returns only`);
    }
  }
  const sharpe = annualSharpe(returns, options);
  const { low, high } = bootstrapInterval(
    n,
    sharpe,
    (rows) => annualSharpe(returns, options, rows),
    options,
  );
  let mean = 0;
  for (let i = 0; i < n; i++) mean += returns[i] / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (returns[i] - mean) ** 2;
  return {
    sharpe,
    low,
    high,
    annualReturn: mean * options.periodsPerYear,
    annualVolatility: Math.sqrt(ss / (n - 1) * options.periodsPerYear),
    rows: n,
  };
}
