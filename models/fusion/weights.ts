/**
 * Point-in-time constituent weights for index fusion, estimated on one fold's training window
 * only (nothing after `cutoff` is read). The mirror has no shares outstanding, so market
 * capitalisation is out of reach; two proxies are offered:
 *
 * - **Trailing dollar volume (the default)**: each constituent's mean daily close × volume over
 *   the `lookback` index bars ending at the cutoff, days without a bar counting 0, normalised to
 *   sum to 1. It is the liquidity weighting the source paper names as its alternative to market
 *   cap; it needs nothing but the constituent's own bars, it cannot overfit the index (no index
 *   returns enter it), and it is defined for a constituent as soon as it trades, so a new listing
 *   enters with the days it actually traded. Its bias: heavily traded names (and heavily traded
 *   ETFs such as XLF) weigh more than their index share.
 * - **Constrained regression** (`simplexRegressionWeights`): the least-squares weights of index
 *   returns on constituent returns over the training rows, non-negative and summing to 1. It
 *   targets the index directly, but with 11–100 collinear regressors and a few hundred rows it is
 *   noisy, and with an incomplete constituent list (the 100 stocks) it shifts weight to whichever
 *   names best mimic the missing rest.
 *
 * A constituent that is not `eligible` (absent from the fold) or has no data in the window gets
 * weight 0. If no constituent has any weight the estimate is an error naming the cutoff.
 */
/** A constituent's daily bars (dates ascending), as much as the weights read of them. */
export interface VolumeBars {
  dates: readonly string[];
  close: ArrayLike<number>;
  volume: ArrayLike<number>;
}

export interface DollarVolumeOptions {
  /** Each constituent's daily bars (dates ascending). */
  bars: readonly VolumeBars[];
  /** The window: bars dated after `from` (exclusive) up to `cutoff` (inclusive). */
  from: string | null;
  cutoff: string;
  /** Calendar days the window spans (the index's bars in it): the divisor of the mean. */
  windowDays: number;
  /** False for a constituent left out of the fold: weight 0. */
  eligible: readonly boolean[];
}

/** Weights ∝ mean daily dollar volume in (from, cutoff]; zero where not eligible or no bars. */
export function dollarVolumeWeights(options: DollarVolumeOptions): number[] {
  const { bars, from, cutoff, windowDays, eligible } = options;
  if (bars.length !== eligible.length) {
    throw new RangeError(`dollar-volume weights: ${bars.length} series, ${eligible.length} flags`);
  }
  if (!(windowDays > 0)) throw new RangeError(`dollar-volume weights: windowDays ${windowDays}`);
  const raw = bars.map((series, n) => {
    if (!eligible[n]) return 0;
    let sum = 0;
    for (let i = 0; i < series.dates.length; i++) {
      const date = series.dates[i];
      if (date > cutoff) break;
      if (from !== null && date <= from) continue;
      const value = series.close[i] * series.volume[i];
      if (Number.isFinite(value) && value > 0) sum += value;
    }
    return sum / windowDays;
  });
  return normalised(raw, `dollar-volume weights up to ${cutoff}`);
}

/** `values` scaled to sum to 1; an error when nothing is positive. */
export function normalised(values: readonly number[], what: string): number[] {
  const total = values.reduce((s, v) => s + (v > 0 ? v : 0), 0);
  if (!(total > 0)) {
    throw new Error(
      `${what}: no constituent has any weight (none is present in the estimation window); ` +
        "widen the training window or check the panel's members",
    );
  }
  return values.map((v) => (v > 0 ? v / total : 0));
}
