/**
 * The daily regime score on a calendar-day grid, two ways (data/daily_from_monthly.ts):
 *
 * - "as-published", the source's method: fed funds, CPI year-on-year and the 2s10s slope
 *   forward-filled from their observation dates, the GDP surprise (a flow) linearly
 *   interpolated between quarterly observation dates — so a day's value can use data that
 *   was published weeks or months later;
 * - "point-in-time": every input is the latest value released on or before the day.
 *
 * `fairValue` is the score of each indicator's trailing `fairValueDays`-day mean (the
 * reversion model's target), computed from the same daily values, so it inherits their
 * timing.
 */
import {
  dailyAsPublished,
  dailyPointInTime,
  interpolatedShare,
  type MacroAnchor,
} from "../../data/daily_from_monthly.ts";
import { isoDate, isoDay } from "../../data/dates.ts";
import type { IndicatorAnchors } from "./indicators.ts";
import { type Indicator, INDICATORS, scoreOf, type ScoringRules } from "./rules.ts";

export type Timing = "as-published" | "point-in-time";

export interface DailyScore {
  timing: Timing;
  rulesVersion: string;
  days: string[];
  indicators: Record<Indicator, Float64Array>;
  score: Float64Array;
  fairValue: Float64Array;
  /** Share of days whose GDP surprise is interpolated (the source: 96.7%); 0 point in time. */
  interpolated: number;
}

export function calendarDays(start: string, end: string): string[] {
  const from = isoDay(start), to = isoDay(end);
  if (to < from) throw new RangeError(`calendar: end ${end} is before start ${start}`);
  return Array.from({ length: to - from + 1 }, (_, i) => isoDate(from + i));
}

function daily(anchors: MacroAnchor[], days: string[], timing: Timing, kind: "stock" | "flow") {
  return timing === "as-published"
    ? dailyAsPublished(anchors, days, kind)
    : dailyPointInTime(anchors, days);
}

function trailingMean(values: Float64Array, window: number): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  let sum = 0, count = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i])) (sum += values[i], count++);
    const leaving = i - window;
    if (leaving >= 0 && !Number.isNaN(values[leaving])) (sum -= values[leaving], count--);
    // Only a full window of known values makes a fair value.
    if (count === window) out[i] = sum / count;
  }
  return out;
}

export function dailyScore(
  anchors: IndicatorAnchors,
  options: { start: string; end: string; timing: Timing; rules: ScoringRules },
): DailyScore {
  const { timing, rules } = options;
  const days = calendarDays(options.start, options.end);
  const fedFunds = daily(anchors.fedFunds, days, timing, "stock");
  const cpiYoy = daily(anchors.cpiYoy, days, timing, "stock");
  const indicators: Record<Indicator, Float64Array> = {
    realFfr: fedFunds.map((f, i) => f - cpiYoy[i]),
    gdpSurprise: daily(anchors.gdpSurprise, days, timing, "flow"),
    curve: daily(anchors.curve, days, timing, "stock"),
  };
  const at = (source: Record<Indicator, Float64Array>, i: number) =>
    Object.fromEntries(INDICATORS.map((k) => [k, source[k][i]])) as Record<Indicator, number>;
  const means = Object.fromEntries(
    INDICATORS.map((k) => [k, trailingMean(indicators[k], rules.fairValueDays)]),
  ) as Record<Indicator, Float64Array>;
  const score = new Float64Array(days.length);
  const fairValue = new Float64Array(days.length);
  for (let i = 0; i < days.length; i++) {
    score[i] = scoreOf(at(indicators, i), rules);
    fairValue[i] = scoreOf(at(means, i), rules);
  }
  return {
    timing,
    rulesVersion: rules.version,
    days,
    indicators,
    score,
    fairValue,
    interpolated: timing === "as-published" ? interpolatedShare(anchors.gdpSurprise, days) : 0,
  };
}
