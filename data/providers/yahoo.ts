/**
 * Yahoo Finance daily bars from the chart API (`/v8/finance/chart/<symbol>`), validated with
 * zod. Dates are the exchange-local trading dates of Yahoo's bar timestamps; `close` is
 * Yahoo's close (for an index, the published level). Rows without a close (Yahoo sometimes
 * emits an all-null row for a day) are dropped with a warning.
 */
import { z } from "zod";
import { DataError } from "../errors.ts";
import { checkDateOrder } from "../parse.ts";
import { parseJson } from "./json.ts";
import { isoDay } from "../dates.ts";
import { type DailyBars, PRICE_COLUMNS } from "../snapshot.ts";

export const YAHOO_CHART_BASE = "https://query2.finance.yahoo.com/v8/finance/chart/";

export interface YahooRequest {
  symbol: string;
  start: string;
  /** Inclusive; null for "up to the latest bar". */
  end: string | null;
}

export function yahooChartUrl(request: YahooRequest, now = Date.now()): string {
  const period1 = isoDay(request.start) * 86_400;
  const period2 = request.end === null
    ? Math.floor(now / 1000)
    : (isoDay(request.end) + 1) * 86_400;
  return `${YAHOO_CHART_BASE}${encodeURIComponent(request.symbol)}?period1=${period1}` +
    `&period2=${period2}&interval=1d&events=history&includeAdjustedClose=true`;
}

const values = z.array(z.number().nullable());

const chartSchema = z.object({
  chart: z.object({
    result: z.array(z.object({
      meta: z.object({
        symbol: z.string(),
        exchangeTimezoneName: z.string().optional(),
        gmtoffset: z.number().optional(),
      }),
      timestamp: z.array(z.number().int()).optional(),
      indicators: z.object({
        quote: z.array(z.object({
          open: values.optional(),
          high: values.optional(),
          low: values.optional(),
          close: values,
          volume: values.optional(),
        })).min(1),
      }),
    })).nullable(),
    error: z.object({ code: z.string(), description: z.string() }).nullable().optional(),
  }),
});

export interface ParsedBars extends DailyBars {
  warnings: string[];
}

function dateFormatter(meta: { exchangeTimezoneName?: string; gmtoffset?: number }) {
  if (meta.exchangeTimezoneName) {
    const format = new Intl.DateTimeFormat("en-CA", {
      timeZone: meta.exchangeTimezoneName,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    return (seconds: number) => format.format(new Date(seconds * 1000));
  }
  const offset = meta.gmtoffset ?? 0;
  return (seconds: number) => new Date((seconds + offset) * 1000).toISOString().slice(0, 10);
}

function schemaError(issues: z.core.$ZodIssue[], where: { source: string; series: string }) {
  const issue = issues[0];
  const path = issue.path;
  // Yahoo's quote arrays carry the price columns' own names.
  const column = path.find((p) => PRICE_COLUMNS.includes(p as typeof PRICE_COLUMNS[number]));
  const index = path[path.length - 1];
  if (column !== undefined && typeof index === "number") {
    return new DataError({
      ...where,
      code: "non-numeric",
      row: index + 1,
      problem: `${String(column)} value is not a number or null (${issue.message})`,
    });
  }
  return new DataError({
    ...where,
    code: "malformed",
    problem: `unexpected chart JSON at ${path.join(".") || "top level"}: ${issue.message}`,
  });
}

/** Parses a chart API response body; throws {@link DataError} for every bad-input case. */
export function parseYahooChart(text: string, where: { source: string; series: string }) {
  const parsed = chartSchema.safeParse(parseJson(text, where));
  if (!parsed.success) throw schemaError(parsed.error.issues, where);
  const { result, error } = parsed.data.chart;
  if (error || !result || result.length === 0) {
    throw new DataError({
      ...where,
      code: "unknown-series",
      problem: `Yahoo knows no such symbol (${error?.code ?? "no result"}: ` +
        `${error?.description ?? "empty result"}); check the ticker (indices start with ^)`,
    });
  }
  const [chart] = result;
  const timestamps = chart.timestamp ?? [];
  if (timestamps.length === 0) {
    throw new DataError({ ...where, code: "empty", problem: "no bars in the requested range" });
  }
  const quote = chart.indicators.quote[0];
  for (const name of PRICE_COLUMNS) {
    const column = quote[name];
    if (column && column.length !== timestamps.length) {
      throw new DataError({
        ...where,
        code: "truncated",
        row: Math.min(column.length, timestamps.length) + 1,
        problem: `${timestamps.length} timestamps but ${column.length} ${name} values`,
      });
    }
  }
  const toDate = dateFormatter(chart.meta);
  const allDates = timestamps.map(toDate);
  checkDateOrder(allDates, where);
  const keep = allDates.flatMap((_, i) => quote.close[i] === null ? [] : [i]);
  const pick = (column: (number | null)[] | undefined) =>
    Float64Array.from(keep, (i) => column?.[i] ?? NaN);
  const dropped = allDates.filter((_, i) => quote.close[i] === null);
  if (keep.length === 0) {
    throw new DataError({ ...where, code: "empty", problem: "every bar has a null close" });
  }
  return {
    dates: keep.map((i) => allDates[i]),
    open: pick(quote.open),
    high: pick(quote.high),
    low: pick(quote.low),
    close: pick(quote.close),
    volume: pick(quote.volume),
    warnings: dropped.length === 0
      ? []
      : [`${where.series}: Yahoo sent no close for ${dropped.join(", ")}; rows dropped`],
  } satisfies ParsedBars;
}
