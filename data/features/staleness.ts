/**
 * Staleness features: how old the latest macro release a bar can see is. For CPI and the
 * unemployment rate, `days_since_<x>` is the calendar days from the latest release known at
 * the bar's last day to that day, and `<x>_is_fresh` is 1 when a release arrived during the
 * bar (after the previous bar's last day), else 0. Release days come from the same timing
 * as the series' values (the provider's release dates, or the publication rule:
 * publication.ts), so a bar never sees a release before it happened. Before the first
 * release both are unknown (NaN, the warm-up).
 */
import { isoDay } from "../dates.ts";

export const STALENESS_FEATURES = [
  "days_since_cpi",
  "cpi_is_fresh",
  "days_since_unrate",
  "unrate_is_fresh",
] as const;

export type StalenessFeature = typeof STALENESS_FEATURES[number];

/** The FRED series whose releases each staleness feature counts. */
export const STALENESS_SOURCE: Readonly<Record<StalenessFeature, string>> = {
  days_since_cpi: "CPIAUCSL",
  cpi_is_fresh: "CPIAUCSL",
  days_since_unrate: "UNRATE",
  unrate_is_fresh: "UNRATE",
};

export function isStalenessFeature(name: string): name is StalenessFeature {
  return (STALENESS_FEATURES as readonly string[]).includes(name);
}

export interface Staleness {
  daysSince: Float64Array;
  fresh: Float64Array;
}

/**
 * Days since the latest release and the fresh flag per bar. `releaseDays`: the day number
 * each release became known, non-decreasing.
 */
export function stalenessOf(
  barDates: readonly string[],
  releaseDays: readonly number[],
): Staleness {
  const n = barDates.length;
  const daysSince = new Float64Array(n).fill(NaN);
  const fresh = new Float64Array(n).fill(NaN);
  let next = 0; // releases [0, next) are known by the current bar
  let previousDay = -Infinity;
  for (let t = 0; t < n; t++) {
    const day = isoDay(barDates[t]);
    while (next < releaseDays.length && releaseDays[next] <= day) next++;
    if (next > 0) {
      const latest = releaseDays[next - 1];
      daysSince[t] = day - latest;
      fresh[t] = latest > previousDay ? 1 : 0;
    }
    previousDay = day;
  }
  return { daysSince, fresh };
}

/** The column of `feature` from its series' staleness. */
export function stalenessColumn(feature: StalenessFeature, staleness: Staleness): Float64Array {
  return feature.startsWith("days_since_") ? staleness.daysSince : staleness.fresh;
}

/**
 * The columns of `wanted` on `barDates`; `releases.releaseDays(id, feature)` gives the day
 * each observation of FRED series `id` became known (the macro aligner's timing).
 */
export function stalenessColumns(
  wanted: readonly StalenessFeature[],
  barDates: readonly string[],
  releases: { releaseDays(id: string, feature: string): number[] },
): Map<StalenessFeature, Float64Array> {
  const bySeries = new Map<string, Staleness>();
  const out = new Map<StalenessFeature, Float64Array>();
  for (const name of wanted) {
    const id = STALENESS_SOURCE[name];
    let staleness = bySeries.get(id);
    if (!staleness) {
      staleness = stalenessOf(barDates, releases.releaseDays(id, name));
      bySeries.set(id, staleness);
    }
    out.set(name, stalenessColumn(name, staleness));
  }
  return out;
}
