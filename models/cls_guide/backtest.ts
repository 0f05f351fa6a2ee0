/**
 * The guide's backtester: long-only on a threshold, all capital in at today's close when the
 * forecast exceeds `threshold` and out when it does not, paying `cost` on each buy and sell,
 * marked to market at tomorrow's close. `prices` are the decision closes of the test windows
 * and one more close after the last.
 *
 * Its Sharpe ratio (`"excess-of-2pct"`): (compounded annual return − 2%) / annual volatility,
 * the volatility from the daily returns with a leading zero and the population std, as the
 * guide computes them. `"plain"`: the annualised mean over the std of the daily returns.
 */
export interface GuideBacktest {
  /** Daily strategy returns, one per forecast (the first from the starting capital). */
  daily: Float64Array;
  /** Buys and sells. */
  trades: number;
  totalReturn: number;
  annualReturn: number;
}

export function guideBacktest(
  forecasts: ArrayLike<number>,
  prices: ArrayLike<number>,
  options: { threshold: number; cost: number },
): GuideBacktest {
  const n = forecasts.length;
  if (prices.length !== n + 1) {
    throw new RangeError(`backtest needs ${n + 1} prices for ${n} forecasts, got ${prices.length}`);
  }
  let [cash, shares, trades] = [1, 0, 0];
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (forecasts[i] > options.threshold && shares === 0) {
      shares = cash / (prices[i] * (1 + options.cost));
      cash = 0;
      trades++;
    } else if (forecasts[i] <= options.threshold && shares > 0) {
      cash += shares * prices[i] * (1 - options.cost);
      shares = 0;
      trades++;
    }
    values[i] = cash + shares * prices[i + 1];
  }
  const daily = Float64Array.from(values, (v, i) => v / (i === 0 ? 1 : values[i - 1]) - 1);
  const totalReturn = values[n - 1] - 1;
  return { daily, trades, totalReturn, annualReturn: (1 + totalReturn) ** (252 / n) - 1 };
}

/** The guide's Sharpe ratio of daily returns (see above), or the plain annualised one. */
export function guideSharpe(
  daily: ArrayLike<number>,
  kind: "plain" | "excess-of-2pct",
  rows?: ArrayLike<number>,
): number {
  const n = rows ? rows.length : daily.length;
  const at = (i: number) => daily[rows ? rows[i] : i];
  if (kind === "plain") {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += at(i) / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (at(i) - mean) ** 2;
    const sd = Math.sqrt(ss / (n - 1));
    return sd > 0 ? (mean * 252) / (sd * Math.sqrt(252)) : 0;
  }
  // The guide: returns [0, r_2 … r_n] (its first day is replaced by 0), population std.
  let growth = 1;
  for (let i = 0; i < n; i++) growth *= 1 + at(i);
  const annual = growth ** (252 / n) - 1;
  let mean = 0;
  for (let i = 1; i < n; i++) mean += at(i) / n;
  let ss = mean * mean;
  for (let i = 1; i < n; i++) ss += (at(i) - mean) ** 2;
  const vol = Math.sqrt(ss / n) * Math.sqrt(252);
  return vol > 0 ? (annual - 0.02) / vol : 0;
}
