/**
 * Market regime per bar, from information available at the bar's close (documented in
 * data/README.md): "stress" when the VIX closes at or above `vixThreshold`; otherwise
 * "bull" when the S&P 500 closes at or above its `trendDays`-day simple moving average of
 * daily closes, else "bear". Rows without a full moving-average window are "unknown".
 */
import type { Bars } from "./bars.ts";
import { rollingMean } from "./features/rolling.ts";

export const REGIME_LABELS = ["bull", "bear", "stress"] as const;
export type RegimeLabel = typeof REGIME_LABELS[number] | "unknown";

export interface RegimeRule {
  vixThreshold: number;
  trendDays: number;
}

export function describeRegimeRule(rule: RegimeRule): string {
  return `stress if VIX >= ${rule.vixThreshold}; else bull if close >= SMA${rule.trendDays} ` +
    `of daily closes, else bear`;
}

/** `vix` is the VIX level each bar sees (point in time), one value per bar. */
export function regimeLabels(
  bars: Bars,
  daily: Bars,
  vix: Float64Array,
  rule: RegimeRule,
): RegimeLabel[] {
  const trend = rollingMean(daily.close, rule.trendDays);
  return Array.from(bars.ordinal, (ordinal, t): RegimeLabel => {
    const average = trend[ordinal];
    if (Number.isNaN(vix[t]) || Number.isNaN(average)) return "unknown";
    if (vix[t] >= rule.vixThreshold) return "stress";
    return daily.close[ordinal] >= average ? "bull" : "bear";
  });
}
