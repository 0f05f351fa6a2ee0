/**
 * Macro features, point in time: every value is computed on the observation series first
 * (year-on-year, month-on-month, quarter-on-quarter, as FRED dates them) and then reaches a
 * bar only once published (publication.ts + point_in_time.ts). Changes of daily series
 * (VIX, 10y) are bar-to-bar changes of the values each bar could see.
 */
import type { Bars } from "../bars.ts";
import { addMonths } from "../dates.ts";
import { alignPointInTime, staleStretches } from "../point_in_time.ts";
import { publicationFor, type PublicationRule } from "../publication.ts";
import type { MacroObservations, MacroSeries } from "../snapshot.ts";
import { difference } from "./rolling.ts";

export const MACRO_FEATURES = [
  "vix",
  "vix_change",
  "dgs10",
  "dgs10_change",
  "spread_2s10s",
  "cpi_yoy",
  "unrate_change",
  "fedfunds",
  "gdp_growth",
] as const;

export type MacroFeature = typeof MACRO_FEATURES[number];

type Observations = Pick<MacroObservations, "dates" | "values">;

export interface MacroContext {
  bars: Bars;
  /** VIX closes by date (the vix price input, or FRED VIXCLS). */
  vix: Observations | null;
  macro: MacroSeries;
  overrides: Readonly<Record<string, PublicationRule>>;
  maxGapDays: number;
}

/** Value of the observation `months` earlier combined with the current one, by date. */
function againstEarlier(
  series: Observations,
  months: number,
  combine: (current: number, earlier: number) => number,
): Observations {
  const byDate = new Map(series.dates.map((d, i) => [d, series.values[i]]));
  const values = series.values.map((v, i) => {
    const earlier = byDate.get(addMonths(series.dates[i], -months));
    return earlier === undefined ? NaN : combine(v, earlier);
  });
  return { dates: series.dates, values };
}

/** Aligns series on demand, once each, collecting staleness warnings. */
class Aligner {
  readonly warnings: string[] = [];
  readonly rules: Record<string, PublicationRule> = {};
  #cache = new Map<string, Float64Array>();
  constructor(private readonly context: MacroContext) {}

  has(id: string): boolean {
    return (id === "VIXCLS" && this.context.vix !== null) ||
      this.context.macro.series.some((s) => s.id === id);
  }

  series(id: string, feature: string): Observations {
    if (id === "VIXCLS" && this.context.vix) return this.context.vix;
    const found = this.context.macro.series.find((s) => s.id === id);
    if (found) return found;
    throw new Error(
      `feature "${feature}" needs FRED series ${id}, which the macro input does not have: ` +
        `add "${id}" to the fetchMacro node's series, or leave "${feature}" out of features`,
    );
  }

  /** `key` names a derived series; `publishedAs` is the FRED id whose lag applies. */
  aligned(key: string, publishedAs: string, observations: Observations): Float64Array {
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const spec = publicationFor(publishedAs, this.context.overrides);
    this.rules[publishedAs] = spec.rule;
    const dates = this.context.bars.dates;
    const aligned = alignPointInTime(dates, observations, spec);
    this.warnings.push(...staleStretches(key, dates, aligned, spec, this.context.maxGapDays));
    this.#cache.set(key, aligned.values);
    return aligned.values;
  }

  level(id: string, feature: string): Float64Array {
    return this.aligned(id, id, this.series(id, feature));
  }
}

function compute(name: MacroFeature, a: Aligner): Float64Array {
  switch (name) {
    case "vix":
      return a.level("VIXCLS", name);
    case "vix_change":
      return difference(a.level("VIXCLS", name));
    case "dgs10":
      return a.level("DGS10", name);
    case "dgs10_change":
      return difference(a.level("DGS10", name));
    case "spread_2s10s": {
      if (a.has("T10Y2Y") || !a.has("DGS2")) return a.level("T10Y2Y", name);
      const ten = a.level("DGS10", name);
      return a.level("DGS2", name).map((two, t) => ten[t] - two);
    }
    case "cpi_yoy":
      return a.aligned(
        "CPIAUCSL:yoy",
        "CPIAUCSL",
        againstEarlier(a.series("CPIAUCSL", name), 12, (c, e) => c / e - 1),
      );
    case "unrate_change":
      return a.aligned(
        "UNRATE:mom",
        "UNRATE",
        againstEarlier(a.series("UNRATE", name), 1, (c, e) => c - e),
      );
    case "fedfunds":
      return a.level("FEDFUNDS", name);
    case "gdp_growth":
      return a.aligned(
        "GDPC1:qoq",
        "GDPC1",
        againstEarlier(a.series("GDPC1", name), 3, (c, e) => (c / e) ** 4 - 1),
      );
  }
}

export interface MacroFeatureResult {
  columns: Map<MacroFeature, Float64Array>;
  /** VIX level at each bar (the regime rule needs it even when "vix" is not a feature). */
  vix: Float64Array;
  warnings: string[];
  /** The publication rule applied to each series, for the record. */
  rules: Record<string, PublicationRule>;
}

export function macroFeatures(wanted: readonly MacroFeature[], context: MacroContext) {
  const aligner = new Aligner(context);
  const columns = new Map(wanted.map((name) => [name, compute(name, aligner)] as const));
  const vix = aligner.level("VIXCLS", "regime");
  return {
    columns,
    vix,
    warnings: aligner.warnings,
    rules: aligner.rules,
  } satisfies MacroFeatureResult;
}
