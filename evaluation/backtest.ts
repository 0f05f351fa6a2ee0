/**
 * Trading the step-1 point forecasts. At the close of origin bar o the strategy takes the
 * position its forecast for bar o + 1 asks for and marks it to market at the next close, so
 * the position earns the realised return of bar o + 1. Each change of position costs
 * `costPerTrade` per unit changed (flat → long: 1 unit, long → short: 2 units), charged in
 * the bar where it happens: net return s_t = p_t·r_t − c·|p_t − p_{t−1}|, starting flat.
 * Equity compounds the net returns from 1. Step-1 forecasts only: with longer horizons the
 * test rows overlap, and trading them all would count every return several times.
 *
 * Sharpe = mean(s)/std(s)·√(periods per year), without a risk-free rate; annual return
 * compounds the total return over n/periodsPerYear years; maximum drawdown is the largest
 * fall of equity from its running peak (starting equity included), as a fraction.
 */
import type { Frequency } from "../models/contract.ts";
import { mean, sampleStd } from "./stats/descriptive.ts";
import type { Numbers } from "./stats/descriptive.ts";

export type StrategyName = "long-flat" | "long-short" | "buy-and-hold";

export interface BacktestSummary {
  strategy: StrategyName;
  periods: number;
  totalReturn: number | null;
  annualReturn: number | null;
  annualVolatility: number | null;
  sharpe: number | null;
  maxDrawdown: number | null;
  /** Bars in which the position changed. */
  trades: number;
  /** Sum of |position change|, in units of capital. */
  turnover: number;
  annualTurnover: number | null;
  /** Share of bars with a non-zero position. */
  exposure: number | null;
}

export interface BacktestRun {
  summary: BacktestSummary;
  /** Net return of each bar. */
  returns: Float64Array;
  /** Equity after each bar, from 1. */
  equity: Float64Array;
}

export function periodsPerYear(frequency: Frequency): number {
  return frequency === "weekly" ? 52 : 252;
}

/**
 * Positions from point forecasts: long when the forecast exceeds the threshold; otherwise
 * flat (long/flat) or, at or below −threshold, short (long/short; with threshold 0 every
 * "down" call, forecast ≤ 0, is a short). Buy-and-hold is always long.
 */
export function strategyPositions(
  point: Numbers,
  strategy: StrategyName,
  threshold: number,
): Int8Array {
  return Int8Array.from({ length: point.length }, (_, i) => {
    const f = point[i];
    if (strategy === "buy-and-hold" || f > threshold) return 1;
    if (strategy === "long-short" && f <= -threshold) return -1;
    return 0;
  });
}

export interface BacktestOptions {
  strategy: StrategyName;
  /** Realised return of the bar each position is held over. */
  actual: Numbers;
  positions: Int8Array;
  costPerTrade: number;
  periodsPerYear: number;
}

export function runBacktest(options: BacktestOptions): BacktestRun {
  const { actual, positions, costPerTrade, strategy } = options;
  const n = actual.length;
  if (positions.length !== n) {
    throw new RangeError(`backtest ${strategy}: ${positions.length} positions for ${n} returns`);
  }
  const returns = new Float64Array(n);
  const equity = new Float64Array(n);
  let previous = 0;
  let value = 1;
  let peak = 1;
  let maxDrawdown = 0;
  let trades = 0;
  let turnover = 0;
  let exposed = 0;
  for (let t = 0; t < n; t++) {
    const change = Math.abs(positions[t] - previous);
    if (change > 0) trades++;
    turnover += change;
    if (positions[t] !== 0) exposed++;
    returns[t] = positions[t] * actual[t] - costPerTrade * change;
    value *= 1 + returns[t];
    equity[t] = value;
    peak = Math.max(peak, value);
    maxDrawdown = Math.max(maxDrawdown, 1 - value / peak);
    previous = positions[t];
  }
  return {
    summary: summarise(options, returns, { value, maxDrawdown, trades, turnover, exposed }),
    returns,
    equity,
  };
}

function summarise(
  options: BacktestOptions,
  returns: Float64Array,
  totals: { value: number; maxDrawdown: number; trades: number; turnover: number; exposed: number },
): BacktestSummary {
  const n = returns.length;
  const P = options.periodsPerYear;
  const m = mean(returns);
  const sd = sampleStd(returns);
  const years = n / P;
  return {
    strategy: options.strategy,
    periods: n,
    totalReturn: n ? totals.value - 1 : null,
    annualReturn: n ? (totals.value > 0 ? totals.value ** (1 / years) - 1 : -1) : null,
    annualVolatility: sd === null ? null : sd * Math.sqrt(P),
    sharpe: m === null || sd === null || sd === 0 ? null : (m / sd) * Math.sqrt(P),
    maxDrawdown: n ? totals.maxDrawdown : null,
    trades: totals.trades,
    turnover: totals.turnover,
    annualTurnover: n ? totals.turnover / years : null,
    exposure: n ? totals.exposed / n : null,
  };
}
