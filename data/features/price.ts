/**
 * Price features, all observable at the close of bar t. Returns, moving averages, RSI and
 * volume use the bars of the chosen frequency (weekly: lookbacks in weeks); realised
 * volatility uses the daily log returns of the last 5 and 20 trading days up to the bar's
 * last day, annualised with √252, at either frequency.
 */
import type { Bars } from "../bars.ts";
import { logReturns, rollingMean, rollingStd, rsi, simpleReturns } from "./rolling.ts";

export const PRICE_FEATURES = [
  "ret",
  "log_ret",
  "vol_5d",
  "vol_20d",
  "ma_ratio_5",
  "ma_ratio_20",
  "ma_5_20",
  "rsi_14",
  "volume_ratio",
] as const;

export type PriceFeature = typeof PRICE_FEATURES[number];

/** Daily-volatility values sampled at each bar's last trading day. */
function sampleAtBarEnd(daily: Float64Array, bars: Bars): Float64Array {
  return Float64Array.from(bars.ordinal, (ordinal) => daily[ordinal]);
}

export function priceFeatures(bars: Bars, daily: Bars): Record<PriceFeature, Float64Array> {
  const dailyLog = logReturns(daily.close);
  const annualise = (v: number) => v * Math.sqrt(252);
  const sma5 = rollingMean(bars.close, 5);
  const sma20 = rollingMean(bars.close, 20);
  const volumeMean = rollingMean(bars.volume, 20);
  return {
    ret: simpleReturns(bars.close),
    log_ret: logReturns(bars.close),
    vol_5d: sampleAtBarEnd(rollingStd(dailyLog, 5).map(annualise), bars),
    vol_20d: sampleAtBarEnd(rollingStd(dailyLog, 20).map(annualise), bars),
    ma_ratio_5: bars.close.map((c, t) => c / sma5[t] - 1),
    ma_ratio_20: bars.close.map((c, t) => c / sma20[t] - 1),
    ma_5_20: sma5.map((m, t) => m / sma20[t] - 1),
    rsi_14: rsi(bars.close, 14),
    volume_ratio: bars.volume.map((v, t) => v / volumeMean[t]),
  };
}
