/**
 * A claim run's scores on its test rows: direction accuracy as an {@link Estimate}
 * (`direction_estimate.ts`) and a daily long/short backtest with costs (`../backtest.ts`:
 * long when the forecast is above zero, short otherwise, a cost per unit of position change).
 */
import { runBacktest, strategyPositions } from "../backtest.ts";
import type { BacktestSummary } from "../backtest.ts";
import { directionEstimate } from "./direction_estimate.ts";
import type { Estimate } from "./claim_row.ts";
import type { Numbers } from "../stats/descriptive.ts";

export interface RunScore {
  accuracy: Estimate;
  longShort: BacktestSummary;
}

export interface RunScoreOptions {
  point: Numbers;
  actual: Numbers;
  seed: string;
  departures?: string[];
  costPerTrade: number;
}

/** Daily long/short backtest of point forecasts (threshold 0), net of costs. */
export function longShortSummary(point: Numbers, actual: Numbers, costPerTrade: number) {
  return runBacktest({
    strategy: "long-short",
    actual,
    positions: strategyPositions(point, "long-short", 0),
    costPerTrade,
    periodsPerYear: 252,
  }).summary;
}

export function scoreRun(options: RunScoreOptions): RunScore {
  const { point, actual, costPerTrade } = options;
  return {
    accuracy: directionEstimate(options),
    longShort: longShortSummary(point, actual, costPerTrade),
  };
}
