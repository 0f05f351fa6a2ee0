/** Daily OHLCV for one symbol, from Yahoo or the offline mirror, as a {@link PriceSeries}. */
import { DataError } from "./errors.ts";
import { findGaps } from "./gaps.ts";
import { sha256Hex } from "../engine/keys/hash.ts";
import { mirrorCandidates } from "./mirror/layout.ts";
import { readMirrorPrices } from "./mirror/read.ts";
import {
  checkMoves,
  checkPrices,
  DEFAULT_PLAUSIBILITY,
  type Plausibility,
} from "./price_checks.ts";
import { httpGet } from "./providers/http.ts";
import { type ParsedBars, parseYahooChart, yahooChartUrl } from "./providers/yahoo.ts";
import type { PriceSeries, SnapshotSource } from "./snapshot.ts";
import { PRICE_COLUMNS, sliceByDate } from "./snapshot.ts";
import { loadWithFallback, type SourceOptions } from "./source.ts";

export interface PriceRequest {
  symbol: string;
  start: string;
  end: string | null;
  /** Implausible-move threshold and treatment; DEFAULT_PLAUSIBILITY when absent. */
  plausibility?: Plausibility;
}

/** Browsers' user agent: Yahoo answers 429 to clients that send none. */
const HEADERS = { "User-Agent": "Mozilla/5.0 (compatible; finfusion)" };

interface Fetched {
  bars: ParsedBars;
  source: SnapshotSource;
  fetchedAt: string | null;
}

async function fromYahoo(request: PriceRequest, options: SourceOptions): Promise<Fetched> {
  const url = yahooChartUrl(request);
  const response = await httpGet(url, { ...options.http, headers: HEADERS });
  const where = { source: "yahoo", series: request.symbol };
  if (response.status !== 200 && response.status !== 404) {
    throw new DataError({ ...where, code: "http", problem: `HTTP ${response.status} from ${url}` });
  }
  const bars = parseYahooChart(new TextDecoder().decode(response.body), where);
  checkPrices(bars, where);
  const source: SnapshotSource = {
    provider: "yahoo",
    location: url,
    sha256: sha256Hex(response.body),
  };
  return { bars, source, fetchedAt: new Date().toISOString() };
}

export async function loadPrices(
  request: PriceRequest,
  options: SourceOptions,
): Promise<PriceSeries> {
  const loaded = await loadWithFallback<Fetched>(request.symbol, options, {
    network: () => fromYahoo(request, options),
    mirror: async (dataDir) => {
      const read = await readMirrorPrices(dataDir, request.symbol);
      return read && { ...read, fetchedAt: null };
    },
    mirrorPaths: mirrorCandidates("prices", request.symbol),
  });
  const { bars, source, fetchedAt } = loaded.value;
  const full: PriceSeries = { kind: "prices", symbol: request.symbol, source, fetchedAt, ...bars };
  const series = sliceByDate(full, [...PRICE_COLUMNS], request);
  if (series.dates.length === 0) {
    throw new DataError({
      code: "empty",
      source: source.provider === "mirror" ? `mirror ${source.location}` : source.provider,
      series: request.symbol,
      problem: `no rows between ${request.start} and ${request.end ?? "the latest date"} ` +
        `(the source covers ${bars.dates[0]}..${bars.dates[bars.dates.length - 1]})`,
    });
  }
  const label = `${request.symbol} (${source.provider} ${source.location})`;
  const moves = checkMoves(series, {
    source: source.provider === "mirror" ? `mirror ${source.location}` : source.provider,
    series: request.symbol,
  }, {
    ...(request.plausibility ?? DEFAULT_PLAUSIBILITY),
    firstRow: bars.dates.indexOf(series.dates[0]) + 1,
  });
  series.warnings = [
    ...(loaded.fallbackReason
      ? [`${request.symbol}: ${loaded.fallbackReason}; read mirror ${source.location}`]
      : []),
    ...bars.warnings,
    ...findGaps(series.dates, { label, maxGapDays: options.maxGapDays }),
    ...moves,
  ];
  return series;
}
