/**
 * What fetch nodes hand downstream: columnar snapshots of one price series or a set of
 * macro series. Plain data and typed arrays only, so the store can encode them and the
 * snapshot's content hash (not the request) keys everything downstream.
 */
import type { PublicationRule } from "./publication.ts";

/** Where a snapshot's rows came from. */
export interface SnapshotSource {
  /** "yahoo" | "fred" for network reads, "mirror" for the offline mirror. */
  provider: "yahoo" | "fred" | "mirror";
  /** The request URL, or the file's path relative to the mirror folder. */
  location: string;
  /** SHA-256 (hex) of the bytes that were parsed. */
  sha256: string;
}

/** The OHLCV columns of daily bars, in this order. */
export const PRICE_COLUMNS = ["open", "high", "low", "close", "volume"] as const;

/** Daily OHLCV bars; dates are exchange-local trading dates, ascending, unique. */
export interface DailyBars {
  dates: string[];
  /** NaN where the source has no value (e.g. VIX open/high/low, which CBOE did not record). */
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** Daily OHLCV for one symbol, with where it came from. */
export interface PriceSeries extends DailyBars {
  kind: "prices";
  symbol: string;
  source: SnapshotSource;
  /**
   * ISO time of the network fetch. Null for mirror reads, so the same mirror bytes always
   * give a byte-identical snapshot (the mirror file's hash is in `source.sha256`).
   */
  fetchedAt: string | null;
  warnings: string[];
}

/**
 * When a series' observations became known: the provider's own first-release dates (an
 * ALFRED / FRED `realtime_start` column), or no dates, so the feature stage assumes the
 * series' publication rule (publication.ts), which is recorded here for the report.
 */
export type ReleaseTiming =
  | { kind: "release-dates"; column: string }
  | { kind: "assumed-rule"; rule: PublicationRule | null };

/** One FRED series by observation date (first day of the period for monthly/quarterly). */
export interface MacroObservations {
  id: string;
  source: SnapshotSource;
  dates: string[];
  values: Float64Array;
  /** First-release date of each observation, when the provider gives them. */
  released?: string[];
  /** Which of the two the feature stage will use (always set by the fetch). */
  timing?: ReleaseTiming;
}

export interface MacroSeries {
  kind: "macro";
  /** In the order requested. */
  series: MacroObservations[];
  fetchedAt: string | null;
  warnings: string[];
}

/** Keeps the rows whose date lies in [start, end] (ISO strings compare like dates). */
export function sliceByDate<T extends { dates: string[] }>(
  series: T,
  columns: (keyof T)[],
  range: { start?: string | null; end?: string | null },
): T {
  const keep: number[] = [];
  series.dates.forEach((date, i) => {
    if ((range.start && date < range.start) || (range.end && date > range.end)) return;
    keep.push(i);
  });
  if (keep.length === series.dates.length) return series;
  const out = { ...series, dates: keep.map((i) => series.dates[i]) };
  for (const name of columns) {
    const column = series[name] as unknown as Float64Array;
    (out as Record<keyof T, unknown>)[name] = Float64Array.from(keep, (i) => column[i]);
  }
  return out;
}
