/**
 * Gap detection for fetched series. A gap is measured in weekdays (a proxy for trading
 * days that needs no holiday table): the weekdays from the date the next observation was
 * due to the date it arrived. Exchange holidays cost one weekday each, so the default
 * threshold of 5 tolerates them (the longest NYSE closure since 1990, 2001-09-11..14, is 4).
 */
import { addWeekdays, dayOf, isoDate, isoDay, splitDay, weekdaysBetween } from "./dates.ts";

export type Periodicity = "daily" | "monthly" | "quarterly";

/** Infers the sampling period from the median spacing of observation dates. */
export function inferPeriodicity(dates: readonly string[]): Periodicity {
  if (dates.length < 3) return "daily";
  const steps: number[] = [];
  for (let i = 1; i < dates.length; i++) steps.push(isoDay(dates[i]) - isoDay(dates[i - 1]));
  steps.sort((a, b) => a - b);
  const median = steps[Math.floor(steps.length / 2)];
  if (median >= 80) return "quarterly";
  if (median >= 25) return "monthly";
  return "daily";
}

function nextDue(day: number, periodicity: Periodicity): number {
  if (periodicity === "daily") return addWeekdays(day + 1, 0);
  const { year, month } = splitDay(day);
  return dayOf(year, month + (periodicity === "monthly" ? 1 : 3), 1);
}

/** "; no observation for 2025-10", naming the periods a monthly or quarterly gap skips. */
function missingPeriods(from: number, to: number, periodicity: Periodicity): string {
  if (periodicity === "daily") return "";
  const skipped: string[] = [];
  for (let day = nextDue(from, periodicity); day < to; day = nextDue(day, periodicity)) {
    skipped.push(isoDate(day).slice(0, 7));
  }
  return skipped.length > 0 ? `; no observation for ${skipped.join(", ")}` : "";
}

export interface GapOptions {
  /** Names the series in the warning, e.g. "^GSPC (mirror spx_daily.csv)". */
  label: string;
  /** Largest tolerated gap, in weekdays. */
  maxGapDays: number;
  /** The series' sampling period when known; inferred from the dates otherwise. */
  periodicity?: Periodicity;
}

/** One warning per gap longer than `maxGapDays` weekdays. */
export function findGaps(dates: readonly string[], options: GapOptions): string[] {
  const periodicity = options.periodicity ?? inferPeriodicity(dates);
  const warnings: string[] = [];
  for (let i = 1; i < dates.length; i++) {
    const due = nextDue(isoDay(dates[i - 1]), periodicity);
    // Weekdays from the due date (inclusive) to the arrival (exclusive).
    const missing = weekdaysBetween(due - 1, isoDay(dates[i]));
    if (missing > options.maxGapDays) {
      warnings.push(
        `${options.label}: gap of ${missing} trading days between ${dates[i - 1]} and ` +
          `${dates[i]} (${periodicity} series; more than maxGapDays = ${options.maxGapDays})` +
          missingPeriods(isoDay(dates[i - 1]), isoDay(dates[i]), periodicity),
      );
    }
  }
  return warnings;
}
