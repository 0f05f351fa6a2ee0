/**
 * One error type for every bad-input case of the data stages, so callers (and tests) can
 * tell the cases apart by `code` while users read a message naming the source, the series
 * and the row.
 */

export type DataErrorCode =
  | "empty"
  | "truncated"
  | "malformed"
  | "non-monotonic"
  | "duplicate-date"
  | "non-numeric"
  | "invalid-value"
  | "implausible"
  | "unknown-series"
  | "unavailable"
  | "http";

export interface DataErrorDetails {
  code: DataErrorCode;
  /** Where the data came from: "yahoo", "fred", "mirror:<path>", a fixture file name. */
  source: string;
  /** Symbol or series id, e.g. "^GSPC" or "CPIAUCSL". */
  series: string;
  /** 1-based data row (the header is row 0), when one row is to blame. */
  row?: number;
  /** What is wrong and what to do about it. */
  problem: string;
}

export class DataError extends Error {
  readonly code: DataErrorCode;
  readonly source: string;
  readonly series: string;
  readonly row: number | null;

  constructor(details: DataErrorDetails) {
    const where = details.row === undefined ? "" : `, row ${details.row}`;
    super(`${details.source} ${details.series}${where}: ${details.problem} [${details.code}]`);
    this.name = "DataError";
    this.code = details.code;
    this.source = details.source;
    this.series = details.series;
    this.row = details.row ?? null;
  }
}
