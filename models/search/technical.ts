/**
 * Technical inputs of the model search, computed from the closes up to each bar only:
 * momentum over k days, the close against its k-day moving average, short/long average
 * crosses, fast RSIs and the close against its k-day high and low (breakouts). Value t uses
 * close[0..t]; NaN until its window is full.
 */
import { rollingMean, rsi } from "../../data/features/rolling.ts";

/** The extra columns the search adds to the feature frame's own. */
export const TECHNICAL_COLUMNS = [
  "mom_5",
  "mom_20",
  "mom_60",
  "mom_120",
  "mom_250",
  "ma_ratio_50",
  "ma_ratio_200",
  "ma_50_200",
  "rsi_2",
  "rsi_5",
  "high_ratio_20",
  "high_ratio_250",
  "low_ratio_20",
  "low_ratio_250",
] as const;

/** Longest lookback of any column (rows before it hold NaN). */
export const TECHNICAL_WARMUP = 251;

function momentum(close: Float64Array, k: number): Float64Array {
  return close.map((c, t) => (t >= k ? c / close[t - k] - 1 : NaN));
}

/** Rolling max (or min) of the last n closes, ending at t. */
export function rollingExtreme(close: Float64Array, n: number, kind: "max" | "min"): Float64Array {
  const out = new Float64Array(close.length).fill(NaN);
  const pick = kind === "max" ? Math.max : Math.min;
  for (let t = n - 1; t < close.length; t++) {
    let value = close[t];
    for (let k = t - n + 1; k < t; k++) value = pick(value, close[k]);
    out[t] = value;
  }
  return out;
}

export function technicalColumns(close: Float64Array): Record<string, Float64Array> {
  const sma50 = rollingMean(close, 50);
  const sma200 = rollingMean(close, 200);
  const ratio = (base: Float64Array) => close.map((c, t) => c / base[t] - 1);
  return {
    mom_5: momentum(close, 5),
    mom_20: momentum(close, 20),
    mom_60: momentum(close, 60),
    mom_120: momentum(close, 120),
    mom_250: momentum(close, 250),
    ma_ratio_50: ratio(sma50),
    ma_ratio_200: ratio(sma200),
    ma_50_200: sma50.map((m, t) => m / sma200[t] - 1),
    rsi_2: rsi(close, 2),
    rsi_5: rsi(close, 5),
    high_ratio_20: ratio(rollingExtreme(close, 20, "max")),
    high_ratio_250: ratio(rollingExtreme(close, 250, "max")),
    low_ratio_20: ratio(rollingExtreme(close, 20, "min")),
    low_ratio_250: ratio(rollingExtreme(close, 250, "min")),
  };
}
