/**
 * Turns calendar windows (dates) into the frame rows that {@link planOrigins} works on,
 * with errors that say which window does not fit the data and what to change.
 */
import type { OriginPeriods } from "./origins.ts";

/** First row whose date is on or after `date` (dates ascending); `dates.length` if none. */
export function firstRowOnOrAfter(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface CalendarWindows {
  /** Label-date boundaries: train from trainFrom, test in [testFrom, testTo). */
  trainFrom: string;
  testFrom: string;
  testTo: string;
  /** Start of the validation tail by date, or a fraction of the training rows, or neither. */
  validation: { from: string } | { fraction: number } | null;
  encoderLength: number;
  /** Names the fold in messages, e.g. "rolling fold testYear=2016". */
  label: string;
}

export function periodsFor(dates: readonly string[], windows: CalendarWindows): OriginPeriods {
  const span = `the features cover ${dates[0]}..${dates[dates.length - 1]}`;
  const trainStart = firstRowOnOrAfter(dates, windows.trainFrom);
  const testStart = firstRowOnOrAfter(dates, windows.testFrom);
  const testEnd = firstRowOnOrAfter(dates, windows.testTo);
  if (testStart >= testEnd) {
    const beyond = windows.testFrom > dates[dates.length - 1];
    throw new Error(
      `${windows.label}: no bars to test in ${windows.testFrom}..${windows.testTo} (${span})` +
        (beyond
          ? `: the data ends before the test period. Fetch data that covers it (a newer ` +
            `mirror with --data DIR, or the network without --offline); a fetch node whose ` +
            `\`end\` is pinned also needs --set <node>.end=<date> (data/README.md, "Adding a ` +
            `test year")`
          : ""),
    );
  }
  if (dates[0] > windows.trainFrom || trainStart - 1 < windows.encoderLength - 1) {
    throw new Error(
      `${windows.label}: training starts ${windows.trainFrom} and its first origin needs ` +
        `${windows.encoderLength - 1} earlier rows, but ${span}; shorten the train window or ` +
        `fetch an earlier start`,
    );
  }
  let validationStart: number | null = null;
  if (windows.validation && "from" in windows.validation) {
    validationStart = firstRowOnOrAfter(dates, windows.validation.from);
  } else if (windows.validation) {
    validationStart = testStart -
      Math.round(windows.validation.fraction * (testStart - trainStart));
  }
  if (validationStart !== null && (validationStart <= trainStart || validationStart >= testStart)) {
    throw new Error(
      `${windows.label}: the validation tail leaves no training rows (train from ` +
        `${windows.trainFrom}, test from ${windows.testFrom}); make it shorter`,
    );
  }
  return { trainStart, validationStart, testStart, testEnd };
}
