/**
 * Field-level parsing shared by every provider: ISO dates in strictly increasing order and
 * numbers, each failure naming the source, the series and the row.
 */
import { DataError } from "./errors.ts";
import { parseIsoDay } from "./dates.ts";
import type { CsvWhere } from "./csv.ts";

/** Fields that mean "no value" in FRED and mirror files. */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(["", ".", "NaN", "nan", "null", "NA"]);

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Checks that dates are ascending and unique; `rowOf(i)` maps an index to the row number
 * used in messages (data rows are 1-based).
 */
export function checkDateOrder(
  dates: readonly string[],
  where: CsvWhere,
  rowOf: (i: number) => number = (i) => i + 1,
): void {
  for (let i = 1; i < dates.length; i++) {
    if (dates[i] > dates[i - 1]) continue;
    const duplicate = dates[i] === dates[i - 1];
    throw new DataError({
      ...where,
      code: duplicate ? "duplicate-date" : "non-monotonic",
      row: rowOf(i),
      problem: duplicate
        ? `date ${dates[i]} appears twice (rows ${rowOf(i - 1)} and ${rowOf(i)}); keep one`
        : `date ${dates[i]} comes after ${dates[i - 1]} (row ${rowOf(i - 1)}); rows must be ` +
          `sorted by date, oldest first`,
    });
  }
}

export interface DateColumnOptions {
  /** True when the text ended with a newline; an unparsable last date then means "malformed". */
  endsWithNewline: boolean;
}

export function parseDates(
  rows: readonly string[][],
  column: number,
  where: CsvWhere,
  options: DateColumnOptions,
): string[] {
  const dates = rows.map((fields, i) => {
    const text = fields[column];
    if (parseIsoDay(text) !== null) return text;
    const truncated = i === rows.length - 1 && !options.endsWithNewline;
    throw new DataError({
      ...where,
      code: truncated ? "truncated" : "malformed",
      row: i + 1,
      problem: truncated
        ? `the last row's date "${text}" is cut off; download the file again`
        : `"${text}" is not a date (expected YYYY-MM-DD)`,
    });
  });
  checkDateOrder(dates, where);
  return dates;
}

export interface NumberColumnOptions {
  /** Column name for messages. */
  name: string;
  /** Missing fields become NaN when true; otherwise they are errors. */
  allowMissing: boolean;
  dates: readonly string[];
}

export function parseNumbers(
  rows: readonly string[][],
  column: number,
  where: CsvWhere,
  options: NumberColumnOptions,
): Float64Array {
  const out = new Float64Array(rows.length);
  rows.forEach((fields, i) => {
    const text = fields[column];
    if (MISSING_TOKENS.has(text)) {
      if (options.allowMissing) return void (out[i] = NaN);
      throw new DataError({
        ...where,
        code: "non-numeric",
        row: i + 1,
        problem: `${options.name} is missing on ${options.dates[i]} ("${text}")`,
      });
    }
    const value = DECIMAL.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(value)) {
      throw new DataError({
        ...where,
        code: "non-numeric",
        row: i + 1,
        problem: `${options.name} on ${options.dates[i]} is "${text}", not a number`,
      });
    }
    out[i] = value;
  });
  return out;
}
