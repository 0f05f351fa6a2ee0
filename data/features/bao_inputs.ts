/**
 * The daily inputs of the wavelet–autoencoder–LSTM study (Bao, Yue & Rao 2017), from the
 * index's own OHLCV bars: the prices, log volume and the technical indicators of the paper
 * that need nothing else. All are observable at the close of bar t (each reads bars ≤ t).
 * The paper also used the US dollar index and an interest rate, which the reference data
 * does not carry as daily series; the report lists that departure.
 *
 *   open, high, low, close, log_volume       the bar itself
 *   ma5, ma10                                simple moving averages of the close
 *   ema20                                    exponential moving average (α = 2/21)
 *   macd                                     EMA12 − EMA26 of the close
 *   atr14                                    14-day mean of the true range
 *   mom6, mom12                              C_t − C_{t−6}, C_t − C_{t−12}
 *   roc10                                    C_t / C_{t−10} − 1
 *
 * Warm-up values are NaN.
 */
import type { DailyBars } from "../snapshot.ts";
import { rollingMean } from "./rolling.ts";

export const BAO_INPUTS = [
  "open",
  "high",
  "low",
  "close",
  "log_volume",
  "ma5",
  "ma10",
  "ema20",
  "macd",
  "atr14",
  "mom6",
  "mom12",
  "roc10",
] as const;
export type BaoInput = typeof BAO_INPUTS[number];

function ema(values: Float64Array, span: number): Float64Array {
  const alpha = 2 / (span + 1);
  const out = new Float64Array(values.length).fill(NaN);
  let level = NaN;
  for (let t = 0; t < values.length; t++) {
    level = Number.isNaN(level) ? values[t] : alpha * values[t] + (1 - alpha) * level;
    if (t >= span - 1) out[t] = level;
  }
  return out;
}

const lagged = (values: Float64Array, k: number, f: (now: number, then: number) => number) =>
  values.map((v, t) => (t >= k ? f(v, values[t - k]) : NaN));

export function baoInputs(bars: DailyBars): Record<BaoInput, Float64Array> {
  const { open, high, low, close, volume } = bars;
  const trueRange = close.map((_, t) =>
    t === 0 ? NaN : Math.max(
      high[t] - low[t],
      Math.abs(high[t] - close[t - 1]),
      Math.abs(low[t] - close[t - 1]),
    )
  );
  const ema12 = ema(close, 12);
  const ema26 = ema(close, 26);
  return {
    open: Float64Array.from(open),
    high: Float64Array.from(high),
    low: Float64Array.from(low),
    close: Float64Array.from(close),
    log_volume: volume.map((v) => (v > 0 ? Math.log(v) : NaN)),
    ma5: rollingMean(close, 5),
    ma10: rollingMean(close, 10),
    ema20: ema(close, 20),
    macd: ema12.map((v, t) => v - ema26[t]),
    atr14: rollingMean(trueRange, 14),
    mom6: lagged(close, 6, (now, then) => now - then),
    mom12: lagged(close, 12, (now, then) => now - then),
    roc10: lagged(close, 10, (now, then) => now / then - 1),
  };
}
