/**
 * Calendar arithmetic on ISO dates ("YYYY-MM-DD") as whole UTC day numbers, so that no
 * time zone or clock ever enters the data stages.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number (days since 1970-01-01) of a valid ISO date, or null when it is not one. */
export function parseIsoDay(text: string): number | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1) return null;
  if (back.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

/** Day number of an ISO date the caller knows to be valid; throws otherwise. */
export function isoDay(text: string): number {
  const day = parseIsoDay(text);
  if (day === null) throw new Error(`not an ISO date (YYYY-MM-DD): "${text}"`);
  return day;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Day number of the Monday of the week containing `day` (weeks run Monday–Sunday). */
export function mondayOf(day: number): number {
  return day - ((weekday(day) + 6) % 7);
}

export function isWeekday(day: number): boolean {
  const w = weekday(day);
  return w >= 1 && w <= 5;
}

/** Weekdays strictly between two day numbers (a Friday and the next Monday: 0). */
export function weekdaysBetween(from: number, to: number): number {
  let count = 0;
  for (let d = from + 1; d < to; d++) if (isWeekday(d)) count++;
  return count;
}

/** The `n`-th weekday after `day` (n = 0: `day` itself if a weekday, else the next one). */
export function addWeekdays(day: number, n: number): number {
  let d = day;
  while (!isWeekday(d)) d++;
  for (let left = n; left > 0;) {
    d++;
    if (isWeekday(d)) left--;
  }
  return d;
}

export interface YearMonthDay {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
}

export function splitDay(day: number): YearMonthDay {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Day number of year/month/day; months past 12 roll into later years. */
export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Same day of the month `months` later (negative: earlier); past the month's end it rolls over. */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = splitDay(isoDay(date));
  return isoDate(dayOf(year, month + months, day));
}

/** Day of year, 1-based. */
export function dayOfYear(day: number): number {
  return day - dayOf(splitDay(day).year, 1, 1) + 1;
}
