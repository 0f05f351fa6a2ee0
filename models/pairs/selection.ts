/**
 * Pair selection on the training window only: among the stocks with a close on every training
 * day, the `candidates` pairs whose daily log returns correlate most, then the Engle–Granger
 * test of each candidate in both directions (y on x and x on y, the more negative ADF t kept);
 * the pairs whose t is below the critical value, strongest first, at most `maxPairs`, no stock
 * in two pairs. The caller hands it training rows only, so no test-window price can pick a pair.
 *
 * Testing many candidates at a 5% critical value finds some "cointegrated" pairs by chance:
 * the selection reports how many it tried.
 */
import { type CointegrationLevel, engleGranger } from "./engle_granger.ts";

export interface PairSelectionOptions {
  /** Pairs with the highest return correlation that go on to the cointegration test. */
  candidates: number;
  maxPairs: number;
  /** Lagged differences in the ADF regression. */
  lags: number;
  level: CointegrationLevel;
}

export interface SelectedPair {
  /** Symbols of the dependent (y) and hedge (x) legs: spread = log y − β·log x. */
  y: string;
  x: string;
  correlation: number;
  tStat: number;
  critical: number;
  /** The training-window OLS hedge ratio (log prices). */
  beta: number;
}

export interface PairSelection {
  pairs: SelectedPair[];
  /** Stocks with a close on every training day (the others cannot be tested). */
  eligible: string[];
  /** Pairs whose return correlation was computed, and candidates tested for cointegration. */
  screened: number;
  tested: number;
}

function logReturns(logPrices: Float64Array): Float64Array {
  return Float64Array.from(
    { length: logPrices.length - 1 },
    (_, t) => logPrices[t + 1] - logPrices[t],
  );
}

function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let sa = 0, sb = 0;
  for (let t = 0; t < n; t++) [sa, sb] = [sa + a[t], sb + b[t]];
  const [ma, mb] = [sa / n, sb / n];
  let cov = 0, va = 0, vb = 0;
  for (let t = 0; t < n; t++) {
    cov += (a[t] - ma) * (b[t] - mb);
    va += (a[t] - ma) ** 2;
    vb += (b[t] - mb) ** 2;
  }
  return cov / Math.sqrt(va * vb);
}

/** `logPrices[i]` is stock `symbols[i]`'s log close on each training day (NaN where absent). */
export function selectPairs(
  symbols: readonly string[],
  logPrices: readonly Float64Array[],
  options: PairSelectionOptions,
): PairSelection {
  if (symbols.length !== logPrices.length) {
    throw new RangeError(`${symbols.length} symbols but ${logPrices.length} price series`);
  }
  const keep = symbols.map((_, i) => i).filter((i) => logPrices[i].every(Number.isFinite));
  const returns = new Map(keep.map((i) => [i, logReturns(logPrices[i])]));
  const screened: Array<{ a: number; b: number; correlation: number }> = [];
  for (let p = 0; p < keep.length; p++) {
    for (let q = p + 1; q < keep.length; q++) {
      const [a, b] = [keep[p], keep[q]];
      screened.push({ a, b, correlation: correlation(returns.get(a)!, returns.get(b)!) });
    }
  }
  screened.sort((u, v) => v.correlation - u.correlation || u.a - v.a || u.b - v.b);
  const tested = screened.slice(0, options.candidates).map(({ a, b, correlation }) => {
    const test = { lags: options.lags, level: options.level };
    const ab = engleGranger(logPrices[b], logPrices[a], test);
    const ba = engleGranger(logPrices[a], logPrices[b], test);
    const [y, x, eg] = ab.tStat <= ba.tStat ? [a, b, ab] : [b, a, ba];
    return { y, x, correlation, eg };
  });
  const pairs: SelectedPair[] = [];
  const used = new Set<number>();
  for (
    const c of tested.filter((c) => c.eg.tStat < c.eg.critical).sort((u, v) =>
      u.eg.tStat - v.eg.tStat
    )
  ) {
    if (pairs.length >= options.maxPairs) break;
    if (used.has(c.y) || used.has(c.x)) continue;
    used.add(c.y).add(c.x);
    pairs.push({
      y: symbols[c.y],
      x: symbols[c.x],
      correlation: c.correlation,
      tStat: c.eg.tStat,
      critical: c.eg.critical,
      beta: c.eg.beta,
    });
  }
  return {
    pairs,
    eligible: keep.map((i) => symbols[i]),
    screened: screened.length,
    tested: tested.length,
  };
}
