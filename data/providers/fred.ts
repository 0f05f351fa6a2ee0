/**
 * FRED series through the public graph download (`fredgraph.csv`, no API key): a header
 * `observation_date,<ID>` (older files: `DATE,<ID>`) and one observation per line, "." or an
 * empty field for a missing value. Missing values are dropped, as in the mirror files.
 */
import { columnIndex, readCsv } from "../csv.ts";
import { DataError } from "../errors.ts";
import { parseDates, parseNumbers } from "../parse.ts";

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
}

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
  return {
    dates: keep.map((i) => dates[i]),
    values: Float64Array.from(keep, (i) => raw[i]),
    missing: dates.length - keep.length,
  };
}

export function parseFredCsv(text: string, where: { source: string; series: string }) {
  return parseObservationCsv(text, where, {
    date: ["observation_date", "DATE", "date"],
    value: [where.series, "value"],
  });
}
