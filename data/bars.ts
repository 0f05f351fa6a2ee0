/**
 * Bars: the rows every later stage works on, daily or weekly, indexed by position with the
 * trading-day ordinal and the dates kept as columns (holidays create no rows).
 */
import type { Frequency } from "../models/contract.ts";
import type { PriceSeries } from "./snapshot.ts";

export interface Bars {
  frequency: Frequency;
  /** Last trading day of each bar (the bar's timestamp). */
  dates: string[];
  /** First trading day of each bar. */
  startDates: string[];
  /** Trading-day ordinal of each bar's last day: its index in the daily price series. */
  ordinal: Int32Array;
  /** Trading days in each bar (1 for daily bars; 1–5 for weekly bars). */
  days: Int32Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** One bar per trading day of the price series; its dates are the trading calendar. */
export function dailyBars(prices: PriceSeries): Bars {
  const n = prices.dates.length;
  return {
    frequency: "daily",
    dates: prices.dates.slice(),
    startDates: prices.dates.slice(),
    ordinal: Int32Array.from({ length: n }, (_, i) => i),
    days: new Int32Array(n).fill(1),
    open: prices.open.slice(),
    high: prices.high.slice(),
    low: prices.low.slice(),
    close: prices.close.slice(),
    volume: prices.volume.slice(),
  };
}
