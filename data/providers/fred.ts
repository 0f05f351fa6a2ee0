/**
 * FRED series through the public graph download (`fredgraph.csv`, no API key): a header
 * `observation_date,<ID>` (older files: `DATE,<ID>`) and one observation per line, "." or an
 * empty field for a missing value. Missing values are dropped, as in the mirror files.
 */
import { columnIndex, readCsv } from "../csv.ts";
import { DataError } from "../errors.ts";
import { parseDates, parseNumbers } from "../parse.ts";
import { parseIsoDay } from "../dates.ts";

export const FRED_GRAPH_BASE = "https://fred.stlouisfed.org/graph/fredgraph.csv";

export interface FredRequest {
  id: string;
  start: string;
  end: string | null;
}

export function fredCsvUrl(request: FredRequest): string {
  const end = request.end === null ? "" : `&coed=${request.end}`;
  return `${FRED_GRAPH_BASE}?id=${encodeURIComponent(request.id)}&cosd=${request.start}${end}`;
}

export interface ParsedObservations {
  dates: string[];
  values: Float64Array;
  /** Rows with no value ("." or empty), dropped. */
  missing: number;
  /**
   * First-release date of each observation when the file has a `realtime_start` column
   * (ALFRED's "initial release" download), else null.
   */
  released: string[] | null;
}

/** Column naming when an observation was first published (ALFRED / FRED realtime periods). */
export const RELEASE_COLUMN = "realtime_start";

export interface ObservationColumns {
  /** Accepted names of the date column, first match wins. */
  date: string[];
  /** Accepted names of the value column. */
  value: string[];
}

/** Parses a date/value CSV (FRED's format, also the mirror's `macro/<ID>.csv`). */
export function parseObservationCsv(
  text: string,
  where: { source: string; series: string },
  columns: ObservationColumns,
): ParsedObservations {
  if (/^\s*</.test(text)) {
    throw new DataError({
      ...where,
      code: "unknown-series",
      problem: "got an HTML page instead of CSV; FRED answers this way for an unknown " +
        "series id (check it at fred.stlouisfed.org)",
    });
  }
  const table = readCsv(text, where);
  const dateColumn = columnIndex(table, columns.date, where);
  const valueColumn = columnIndex(table, columns.value, where);
  const dates = parseDates(table.rows, dateColumn, where, table);
  const raw = parseNumbers(table.rows, valueColumn, where, {
    name: table.header[valueColumn],
    allowMissing: true,
    dates,
  });
  const keep = dates.flatMap((_, i) => Number.isNaN(raw[i]) ? [] : [i]);
  if (keep.length === 0) {
    throw new DataError({ ...where, code: "empty", problem: "every observation is missing" });
  }
  const released = releaseDates(table, dates, where);
  return {
    dates: keep.map((i) => dates[i]),
    values: Float64Array.from(keep, (i) => raw[i]),
    missing: dates.length - keep.length,
    released: released && keep.map((i) => released[i]),
  };
}

/** The `realtime_start` column, checked: a date, and never before the observation's date. */
function releaseDates(
  table: ReturnType<typeof readCsv>,
  dates: readonly string[],
  where: { source: string; series: string },
): string[] | null {
  const column = table.header.findIndex((name) => name.toLowerCase() === RELEASE_COLUMN);
  if (column < 0) return null;
  return table.rows.map((fields, i) => {
    const text = fields[column];
    if (parseIsoDay(text) !== null && text >= dates[i]) return text;
    throw new DataError({
      ...where,
      code: "malformed",
      row: i + 1,
      problem: `${RELEASE_COLUMN} "${text}" of the observation ${dates[i]} is not a release ` +
        `date on or after it (expected YYYY-MM-DD)`,
    });
  });
}

export function parseFredCsv(text: string, where: { source: string; series: string }) {
  return parseObservationCsv(text, where, {
    date: ["observation_date", "DATE", "date"],
    value: [where.series, "value"],
  });
}
