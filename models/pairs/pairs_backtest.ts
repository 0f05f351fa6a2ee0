/**
 * One hedge-ratio estimator traded on every selected pair out of sample: each pair's spread
 * traded by `spread_trading.ts` with β_t from `hedge_estimators.ts`, the portfolio an equal
 * split of capital across the pairs (a flat pair earns nothing). Rows are the test days after
 * the first (each day's return needs the previous close).
 */
import type { PairDesign } from "./pair_design.ts";
import {
  HEDGE_DEPARTURES,
  type HedgeEstimator,
  type HedgeOptions,
  hedgeSeries,
} from "./hedge_estimators.ts";
import { type SpreadTradingOptions, tradeSpread } from "./spread_trading.ts";

export interface PairsBacktest {
  kind: "pairs-backtest";
  estimator: HedgeEstimator;
  departures: string[];
  /** Test days with a return (the first test day's close opens positions only). */
  dates: string[];
  /** Daily portfolio return after and before costs. */
  pnl: Float64Array;
  gross: Float64Array;
  trades: number;
  pairs: Array<{ y: string; x: string; trades: number; totalReturn: number; lastBeta: number }>;
}

export function backtestPairs(
  design: PairDesign,
  estimator: HedgeEstimator,
  options: HedgeOptions & Omit<SpreadTradingOptions, "from">,
): PairsBacktest {
  const from = design.testFrom;
  const rows = design.dates.length - from - 1;
  const pnl = new Float64Array(rows);
  const gross = new Float64Array(rows);
  const share = 1 / design.legs.length;
  let trades = 0;
  const pairs = design.legs.map(({ y, x }, i) => {
    const beta = hedgeSeries(estimator, x, y, options);
    const run = tradeSpread(y, x, beta, { ...options, from });
    // Row 0 also carries the cost of a trade at the first test day's close.
    const day = (series: Float64Array, r: number) =>
      series[from + 1 + r] + (r === 0 ? series[from] : 0);
    let growth = 1;
    for (let r = 0; r < rows; r++) {
      pnl[r] += share * day(run.pnl, r);
      gross[r] += share * day(run.gross, r);
      growth *= 1 + day(run.pnl, r);
    }
    trades += run.trades;
    const { y: ys, x: xs } = design.selection.pairs[i];
    return { y: ys, x: xs, trades: run.trades, totalReturn: growth - 1, lastBeta: beta.at(-1)! };
  });
  return {
    kind: "pairs-backtest",
    estimator,
    departures: HEDGE_DEPARTURES[estimator],
    dates: design.dates.slice(from + 1),
    pnl,
    gross,
    trades,
    pairs,
  };
}
