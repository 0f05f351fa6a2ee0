/**
 * The guide's ten inputs per day, all known at that day's close: five price inputs (the raw
 * Open/High/Low/Close/Volume levels as published, or their relative form: open, high and low
 * relative to the close, the close's and the volume's daily log change), then Returns,
 * Volatility (20-day std of returns), MA_ratio (MA5 / MA20), RSI-14 (simple means as
 * published, or Wilder's) and Volume_ratio (volume / its 20-day mean). Rows with an incomplete
 * lookback are dropped, as the guide's `dropna()` does.
 */
import type { DailyBars } from "../../data/snapshot.ts";
import { rollingMean, rollingStd, rsi, simpleReturns } from "../../data/features/rolling.ts";
import type { GuideProtocol } from "./protocol.ts";

export interface GuideFrame {
  dates: string[];
  close: Float64Array;
  /** Row-major [rows, columns]. */
  values: Float64Array;
  columns: string[];
}

/** RSI from simple n-day means of gains and losses (the guide's `calculate_rsi`). */
export function simpleMeanRsi(close: Float64Array, n: number): Float64Array {
  const gains = new Float64Array(close.length).fill(NaN);
  const losses = new Float64Array(close.length).fill(NaN);
  for (let t = 1; t < close.length; t++) {
    gains[t] = Math.max(close[t] - close[t - 1], 0);
    losses[t] = Math.max(close[t - 1] - close[t], 0);
  }
  const [g, l] = [rollingMean(gains, n), rollingMean(losses, n)];
  return g.map((gain, t) => 100 - 100 / (1 + gain / l[t]));
}

export function guideFrame(
  bars: DailyBars,
  protocol: Pick<GuideProtocol, "priceInputs" | "rsi">,
): GuideFrame {
  const { open, high, low, close, volume } = bars;
  const n = close.length;
  const lag = (x: Float64Array) =>
    Float64Array.from(x, (v, t) => (t > 0 ? Math.log(v / x[t - 1]) : NaN));
  const price: Record<string, Float64Array> = protocol.priceInputs === "raw-levels"
    ? { open, high, low, close, volume }
    : {
      open_rel: Float64Array.from(open, (v, t) => v / close[t] - 1),
      high_rel: Float64Array.from(high, (v, t) => v / close[t] - 1),
      low_rel: Float64Array.from(low, (v, t) => v / close[t] - 1),
      close_log_change: lag(close),
      volume_log_change: lag(volume),
    };
  const returns = simpleReturns(close);
  const ma5 = rollingMean(close, 5);
  const ma20 = rollingMean(close, 20);
  const volumeMean = rollingMean(volume, 20);
  const columns: Record<string, Float64Array> = {
    ...price,
    returns,
    volatility: rollingStd(returns, 20),
    ma_ratio: ma5.map((v, t) => v / ma20[t]),
    rsi: protocol.rsi === "simple-mean" ? simpleMeanRsi(close, 14) : rsi(close, 14),
    volume_ratio: volume.map((v, t) => v / volumeMean[t]),
  };
  const series = Object.values(columns);
  const keep = Array.from({ length: n }, (_, t) => t).filter((t) =>
    series.every((s) => Number.isFinite(s[t]))
  );
  const width = series.length;
  const values = new Float64Array(keep.length * width);
  keep.forEach((t, r) => series.forEach((s, c) => (values[r * width + c] = s[t])));
  return {
    dates: keep.map((t) => bars.dates[t]),
    close: Float64Array.from(keep, (t) => close[t]),
    values,
    columns: Object.keys(columns),
  };
}
