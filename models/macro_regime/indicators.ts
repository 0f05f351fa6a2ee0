/**
 * The regime score's inputs as dated anchors: each observation with the date it describes
 * and the date it became public (the provider's release dates when the file has them, else
 * the publication rule of data/publication.ts). Derived values (CPI year-on-year, GDP
 * growth against its trend) are released when their newest input is.
 */
import type { MacroAnchor } from "../../data/daily_from_monthly.ts";
import { isoDate } from "../../data/dates.ts";
import { availableFrom, publicationFor } from "../../data/publication.ts";

export interface RawSeries {
  dates: readonly string[];
  values: ArrayLike<number>;
  /** First-release dates, when the provider gave them. */
  released?: readonly string[] | null;
}

/** The FRED series the score reads. */
export const SCORE_SERIES = ["FEDFUNDS", "CPIAUCSL", "GDPC1", "T10Y2Y"] as const;
export type ScoreSeriesId = (typeof SCORE_SERIES)[number];

export interface IndicatorAnchors {
  fedFunds: MacroAnchor[];
  cpiYoy: MacroAnchor[];
  gdpSurprise: MacroAnchor[];
  curve: MacroAnchor[];
}

function anchorsOf(id: ScoreSeriesId, series: RawSeries): MacroAnchor[] {
  if (series.dates.length !== series.values.length) {
    throw new Error(`${id}: ${series.dates.length} dates but ${series.values.length} values`);
  }
  const spec = publicationFor(id);
  return series.dates.map((observed, i) => ({
    observed,
    released: series.released?.[i] ?? isoDate(availableFrom(observed, spec)),
    value: series.values[i],
  })).filter((a) => Number.isFinite(a.value));
}

const later = (a: string, b: string) => (a > b ? a : b);

/** Percent change over `lag` observations, released with the newer one. */
function changeOver(anchors: MacroAnchor[], lag: number, annualise: number): MacroAnchor[] {
  return anchors.slice(lag).map((a, i) => ({
    observed: a.observed,
    released: later(a.released, anchors[i].released),
    value: 100 * ((a.value / anchors[i].value) ** annualise - 1),
  }));
}

/** Quarterly annualised growth minus the mean growth of the previous `trend` quarters. */
export function gdpSurpriseAnchors(gdp: MacroAnchor[], trend: number): MacroAnchor[] {
  const growth = changeOver(gdp, 1, 4);
  return growth.slice(trend).map((g, i) => {
    const past = growth.slice(i, i + trend);
    const mean = past.reduce((s, p) => s + p.value, 0) / trend;
    return { observed: g.observed, released: g.released, value: g.value - mean };
  });
}

export function indicatorAnchors(
  series: Readonly<Record<ScoreSeriesId, RawSeries>>,
  gdpTrendQuarters: number,
): IndicatorAnchors {
  for (const id of ["FEDFUNDS", "CPIAUCSL", "GDPC1", "T10Y2Y"] as const) {
    if (!series[id]) {
      throw new Error(`the macro-regime score needs FRED series ${id}; add it to the fetch node`);
    }
  }
  return {
    fedFunds: anchorsOf("FEDFUNDS", series.FEDFUNDS),
    cpiYoy: changeOver(anchorsOf("CPIAUCSL", series.CPIAUCSL), 12, 1),
    gdpSurprise: gdpSurpriseAnchors(anchorsOf("GDPC1", series.GDPC1), gdpTrendQuarters),
    curve: anchorsOf("T10Y2Y", series.T10Y2Y),
  };
}
