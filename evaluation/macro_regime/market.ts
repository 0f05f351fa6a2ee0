/**
 * Does the regime forecast forecast the market? The ensemble's forecast score at the
 * target as a signal — long the S&P 500 when it is above zero, in cash otherwise; "up" when
 * above zero, "down" otherwise — against always-long over the same windows. Windows must not
 * overlap (origins at least `horizon` days apart), so each return is counted once and the
 * tests need no overlap correction.
 *
 * Reported: direction accuracy of both; mean window return of both; the mean excess return
 * of the signal over always-long with a seeded block-bootstrap 95% interval; Diebold–Mariano
 * on directional misses and on negative returns (a negative statistic favours the signal).
 */
import { blockBootstrap } from "../stats/bootstrap.ts";
import { type DieboldMariano, dieboldMariano } from "../stats/diebold_mariano.ts";
import type { WalkForwardRow } from "../../models/macro_regime/walk_forward.ts";

export interface Closes {
  dates: readonly string[];
  close: ArrayLike<number>;
}

/** Index of the last trading day on or before `date`, or −1. */
function asOf(closes: Closes, date: string): number {
  let lo = 0, hi = closes.dates.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (closes.dates[mid] <= date) (found = mid, lo = mid + 1);
    else hi = mid - 1;
  }
  return found;
}

/** Close-to-close return from the last close on or before the origin to the target's. */
export function forwardReturn(closes: Closes, origin: string, target: string): number {
  const from = asOf(closes, origin), to = asOf(closes, target);
  if (from < 0 || to < 0) {
    throw new RangeError(`S&P 500 closes start ${closes.dates[0]}: none on or before ${origin}`);
  }
  return closes.close[to] / closes.close[from] - 1;
}

export interface MarketTest {
  horizon: number;
  n: number;
  /** Share of windows the signal is long. */
  longShare: number;
  direction: { signal: number; alwaysLong: number };
  meanReturn: { signal: number; alwaysLong: number };
  excess: { mean: number; low: number | null; high: number | null };
  dmDirection: DieboldMariano;
  dmReturn: DieboldMariano;
}

export interface MarketOptions {
  reps: number;
  seed: string;
  blockLength: number;
}

export const MARKET_DEFAULTS: MarketOptions = { reps: 2000, seed: "macro-market", blockLength: 4 };

const average = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0) / v.length;

export function marketTest(
  rows: readonly WalkForwardRow[],
  closes: Closes,
  options: MarketOptions = MARKET_DEFAULTS,
): MarketTest {
  if (rows.length < 2) throw new RangeError(`market test needs ≥ 2 windows, got ${rows.length}`);
  const horizon = rows[0].horizon;
  rows.slice(1).forEach((r, i) => {
    const gap = (Date.parse(r.origin) - Date.parse(rows[i].origin)) / 86_400_000;
    if (r.horizon !== horizon || gap < horizon) {
      throw new RangeError(
        `market test: windows overlap (${rows[i].origin} and ${r.origin} are ${gap} days ` +
          `apart at horizon ${horizon}); run the walk-forward with step ≥ horizon`,
      );
    }
  });
  const returns = Float64Array.from(rows, (r) => forwardReturn(closes, r.origin, r.target));
  const long = Float64Array.from(rows, (r) => (r.forecasts.ensemble.mean > 0 ? 1 : 0));
  const signal = returns.map((ret, i) => long[i] * ret);
  const signalMiss = returns.map((ret, i) => ((ret > 0) === (long[i] === 1) ? 0 : 1));
  const longMiss = returns.map((ret) => (ret > 0 ? 0 : 1));
  const excess = signal.map((s, i) => s - returns[i]);
  const [interval] = blockBootstrap({
    strata: [Int32Array.from(rows, (_, i) => i)],
    statistics: (drawn) => [average(Array.from(drawn, (i) => excess[i]))],
    reps: options.reps,
    level: 0.95,
    blockLength: options.blockLength,
    seed: `${options.seed}-${horizon}`,
  });
  return {
    horizon,
    n: rows.length,
    longShare: average(long),
    direction: { signal: 1 - average(signalMiss), alwaysLong: 1 - average(longMiss) },
    meanReturn: { signal: average(signal), alwaysLong: average(returns) },
    excess: { mean: average(excess), low: interval?.low ?? null, high: interval?.high ?? null },
    dmDirection: dieboldMariano({ lossModel: signalMiss, lossBenchmark: longMiss, horizon: 1 }),
    dmReturn: dieboldMariano({
      lossModel: signal.map((s) => -s),
      lossBenchmark: returns.map((r) => -r),
      horizon: 1,
    }),
  };
}
