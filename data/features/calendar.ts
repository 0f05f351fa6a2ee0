/**
 * Known-future calendar features: functions of a bar's dates and of the exchange calendar,
 * which is published in advance, so a model may use them for the decoder steps too.
 */
import type { Bars } from "../bars.ts";
import { dayOfYear, isoDay, isWeekday, splitDay, weekday } from "../dates.ts";

export const CALENDAR_FEATURES = [
  "month_sin",
  "month_cos",
  "year_sin",
  "year_cos",
  "weekday",
  "bar_days",
  "month_end",
] as const;

export type CalendarFeature = typeof CALENDAR_FEATURES[number];

/** True when no weekday of the same month follows `day` (used past the last bar only). */
function lastWeekdayOfMonth(day: number): boolean {
  const { month } = splitDay(day);
  for (let d = day + 1; splitDay(d).month === month; d++) {
    if (isWeekday(d)) return false;
  }
  return true;
}

export function calendarFeatures(bars: Bars): Record<CalendarFeature, Float64Array> {
  const n = bars.dates.length;
  const days = bars.dates.map(isoDay);
  const angle = (fraction: number) => 2 * Math.PI * fraction;
  const monthAngle = days.map((d) => angle((splitDay(d).month - 1) / 12));
  const yearAngle = days.map((d) => angle((dayOfYear(d) - 1) / 365.25));
  return {
    month_sin: Float64Array.from(monthAngle, Math.sin),
    month_cos: Float64Array.from(monthAngle, Math.cos),
    year_sin: Float64Array.from(yearAngle, Math.sin),
    year_cos: Float64Array.from(yearAngle, Math.cos),
    /** Weekday of the bar's last day, Monday 0 … Friday 1 (weekly bars: Thursday in a short week). */
    weekday: Float64Array.from(days, (d) => (weekday(d) - 1) / 4),
    bar_days: Float64Array.from(bars.days),
    /** 1 when the bar holds a month's last trading day (the month turns in or after it). */
    month_end: Float64Array.from({ length: n }, (_, t) => {
      const month = splitDay(days[t]).month;
      if (splitDay(isoDay(bars.startDates[t])).month !== month) return 1;
      if (t + 1 < n) return splitDay(isoDay(bars.startDates[t + 1])).month !== month ? 1 : 0;
      return lastWeekdayOfMonth(days[t]) ? 1 : 0;
    }),
  };
}
