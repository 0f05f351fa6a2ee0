/**
 * A daily bar's parts relative to the previous close, each observed at a chosen lag: the
 * inputs of the published same-day models (the day's open, high, low and traded value).
 * At lag k, row t holds the part of bar t − k and is observed on that bar's date:
 *
 *   open    ln(O_s / C_{s−1})      high    ln(H_s / C_{s−1})     low   ln(L_s / C_{s−1})
 *   close   ln(C_s / C_{s−1})      volume  ln(V_s / V_{s−1})
 *   value   ln(C_s·V_s / (C_{s−1}·V_{s−1}))  (the day's traded value, the index's
 *           stand-in for "market value")
 *
 * A part that cannot be computed (no previous bar, a zero volume) is NaN.
 */
import type { DailyBars } from "../snapshot.ts";
import type { TimedColumn } from "./timing.ts";

export const BAR_PARTS = ["open", "high", "low", "close", "volume", "value"] as const;
export type BarPart = typeof BAR_PARTS[number];

export interface LaggedPart {
  part: BarPart;
  /** Bars back from the target's bar: 0 = the target bar itself (same day). */
  lag: number;
}

const logRatio = (a: number, b: number) => (a > 0 && b > 0 ? Math.log(a / b) : NaN);

function partAt(bars: DailyBars, part: BarPart, s: number): number {
  if (s < 1) return NaN;
  const prev = bars.close[s - 1];
  switch (part) {
    case "open":
      return logRatio(bars.open[s], prev);
    case "high":
      return logRatio(bars.high[s], prev);
    case "low":
      return logRatio(bars.low[s], prev);
    case "close":
      return logRatio(bars.close[s], prev);
    case "volume":
      return logRatio(bars.volume[s], bars.volume[s - 1]);
    case "value":
      return logRatio(bars.close[s] * bars.volume[s], prev * bars.volume[s - 1]);
  }
}

/** The column's name in designs and errors, e.g. "high[t]" or "high[t-1]". */
export function partName({ part, lag }: LaggedPart): string {
  return lag === 0 ? `${part}[t]` : `${part}[t-${lag}]`;
}

/** Values and observation dates of a lagged part for every bar t (NaN before the lag). */
export function laggedPart(
  bars: DailyBars,
  spec: LaggedPart,
): TimedColumn & { values: Float64Array } {
  if (!Number.isInteger(spec.lag) || spec.lag < 0) {
    throw new RangeError(`bar part ${spec.part}: lag must be an integer ≥ 0, got ${spec.lag}`);
  }
  const n = bars.dates.length;
  const values = Float64Array.from({ length: n }, (_, t) => partAt(bars, spec.part, t - spec.lag));
  const observed = bars.dates.map((_, t) => bars.dates[Math.max(0, t - spec.lag)]);
  return { name: partName(spec), observed, values };
}
