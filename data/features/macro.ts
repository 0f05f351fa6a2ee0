/**
 * Macro features, point in time: every value is computed on the observation series first
 * (year-on-year, month-on-month, quarter-on-quarter, as FRED dates them) and then reaches a
 * bar only once published (publication.ts + point_in_time.ts). Changes of daily series
 * (VIX, 10y) are bar-to-bar changes of the values each bar could see.
 */
import type { Bars } from "../bars.ts";
import { addMonths, isoDay } from "../dates.ts";
import { alignPointInTime, staleStretches } from "../point_in_time.ts";
import {
  availableFrom,
  PUBLICATION,
  publicationFor,
  type PublicationRule,
  type PublicationSpec,
} from "../publication.ts";
import { inferPeriodicity } from "../gaps.ts";
import type { MacroObservations, MacroSeries } from "../snapshot.ts";
import { difference } from "./rolling.ts";
import { stalenessColumns, type StalenessFeature } from "./staleness.ts";

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

/** How a change feature combines an observation with the one `months` earlier. */
interface Change {
  feature: string;
  months: number;
  combine: (current: number, earlier: number) => number;
}

/**
 * Combines each observation with the one `months` earlier, by date. When that month was
 * never published (a gap inside the series, e.g. no October 2025 CPI or unemployment rate)
 * the last value published before it stands in, with a warning naming the series, the
 * missing period and the observations computed across it; before the series' first
 * observation the value stays unknown (NaN, the warm-up).
 */
function againstEarlier(
  series: Pick<MacroObservations, "id" | "dates" | "values">,
  change: Change,
  warnings: string[],
): Observations {
  const { dates, values: observed } = series;
  const byDate = new Map(dates.map((d, i) => [d, i]));
  const across = new Map<string, string[]>();
  let last = -1; // the latest observation dated on or before the wanted one
  const values = observed.map((v, i) => {
    const wanted = addMonths(dates[i], -change.months);
    while (last + 1 < dates.length && dates[last + 1] <= wanted) last++;
    const exact = byDate.get(wanted);
    if (exact !== undefined) return change.combine(v, observed[exact]);
    if (last < 0) return NaN;
    const key = `${wanted.slice(0, 7)}|${dates[last]}`;
    across.set(key, [...(across.get(key) ?? []), dates[i].slice(0, 7)]);
    return change.combine(v, observed[last]);
  });
  for (const [key, at] of across) {
    const [missing, used] = key.split("|");
    warnings.push(
      `${series.id}: no observation for ${missing} (a period never published, or missing from ` +
        `the source); ${change.feature} of ${at.join(", ")} is taken against ${
          used.slice(0, 7)
        }, the last value published before it`,
    );
  }
  return { dates, values };
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
    const released = this.releaseDates(publishedAs, observations);
    // Staleness is judged against the series' usual calendar, whichever timing is used.
    const usual = released && !PUBLICATION[publishedAs]
      ? null
      : publicationFor(publishedAs, released ? {} : this.context.overrides);
    const spec: PublicationSpec = released
      ? {
        periodicity: usual?.periodicity ?? inferPeriodicity(observations.dates),
        rule: { rule: "release-dates" },
      }
      : usual!;
    this.rules[publishedAs] = spec.rule;
    const dates = this.context.bars.dates;
    const aligned = alignPointInTime(dates, observations, spec, released ?? undefined);
    if (usual) {
      this.warnings.push(...staleStretches(key, dates, aligned, usual, this.context.maxGapDays));
    }
    this.#cache.set(key, aligned.values);
    return aligned.values;
  }

  /** A change of a FRED series (`key` names it), aligned under the series' own lag. */
  change(key: string, id: string, change: Change): Float64Array {
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const series = { id, ...this.series(id, change.feature) };
    return this.aligned(key, id, againstEarlier(series, change, this.warnings));
  }

  /**
   * The provider's release dates of `id`, when the fetch has them and the DAG file does not
   * override the series' timing with a calendar rule; an override asking for "release-dates"
   * on a series without them is an error saying where they come from.
   */
  private releaseDates(id: string, observations: Observations): readonly string[] | null {
    const override = this.context.overrides[id];
    const found = this.context.macro.series.find((s) => s.id === id);
    const released = found?.released && found.dates.length === observations.dates.length
      ? found.released
      : null;
    if (override?.rule === "release-dates" && !released) {
      throw new Error(
        `publication of ${id} is set to "release-dates" but the fetch has none: give the ` +
          `mirror file a realtime_start column (ALFRED's initial-release download), or use a rule`,
      );
    }
    return override && override.rule !== "release-dates" ? null : released;
  }

  /** The day each observation of `id` became known, under the timing its values use. */
  releaseDays(id: string, feature: string): number[] {
    const observations = this.series(id, feature);
    const released = this.releaseDates(id, observations);
    const spec = released ? null : publicationFor(id, this.context.overrides);
    this.rules[id] ??= spec?.rule ?? { rule: "release-dates" };
    let latest = -Infinity; // an observation is never known before its predecessor
    return observations.dates.map((date, i) => {
      latest = Math.max(latest, released ? isoDay(released[i]) : availableFrom(date, spec!));
      return latest;
    });
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
      return a.change("CPIAUCSL:yoy", "CPIAUCSL", {
        feature: name,
        months: 12,
        combine: (c, e) => c / e - 1,
      });
    case "unrate_change":
      return a.change("UNRATE:mom", "UNRATE", {
        feature: name,
        months: 1,
        combine: (c, e) => c - e,
      });
    case "fedfunds":
      return a.level("FEDFUNDS", name);
    case "gdp_growth":
      return a.change("GDPC1:qoq", "GDPC1", {
        feature: name,
        months: 3,
        combine: (c, e) => (c / e) ** 4 - 1,
      });
  }
}

export interface MacroFeatureResult {
  columns: Map<MacroFeature | StalenessFeature, Float64Array>;
  /** VIX level at each bar (the regime rule needs it even when "vix" is not a feature). */
  vix: Float64Array;
  warnings: string[];
  /** The publication rule applied to each series, for the record. */
  rules: Record<string, PublicationRule>;
}

/** `staleness`: staleness features (`staleness.ts`) to compute beside the macro ones. */
export function macroFeatures(
  wanted: readonly MacroFeature[],
  context: MacroContext,
  staleness: readonly StalenessFeature[] = [],
) {
  const aligner = new Aligner(context);
  const columns = new Map<MacroFeature | StalenessFeature, Float64Array>(
    wanted.map((name) => [name, compute(name, aligner)] as const),
  );
  for (const [name, column] of stalenessColumns(staleness, context.bars.dates, aligner)) {
    columns.set(name, column);
  }
  const vix = aligner.level("VIXCLS", "regime");
  return {
    columns,
    vix,
    warnings: aligner.warnings,
    rules: aligner.rules,
  } satisfies MacroFeatureResult;
}
