/**
 * Monthly (or quarterly) macro values turned into daily rows, two ways:
 *
 * - `dailyAsPublished`: as the macro-regime source did it — stock variables forward-filled
 *   from each observation date and flow variables linearly interpolated between consecutive
 *   observation dates. Both use values before they existed: an observation dated the 1st of a
 *   month is published weeks later, and an interpolated day between two anchors uses the next
 *   anchor, which was not published yet.
 * - `dailyPointInTime`: each day carries the last value whose *release* date is on or
 *   before it (NaN before the first release), so a value at day t never depends on data
 *   published after t.
 *
 * Dates are ISO `YYYY-MM-DD` strings, compared as strings.
 */

export interface MacroAnchor {
  /** The date the value describes (FRED's observation date). */
  observed: string;
  /** The date it became public. */
  released: string;
  value: number;
}

export type FlowOrStock = "stock" | "flow";

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

function sortedBy(anchors: MacroAnchor[], key: "observed" | "released"): MacroAnchor[] {
  return [...anchors].sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
}

export function dailyAsPublished(
  anchors: MacroAnchor[],
  days: string[],
  kind: FlowOrStock,
): Float64Array {
  const byObservation = sortedBy(anchors, "observed");
  const out = new Float64Array(days.length).fill(NaN);
  let k = -1;
  days.forEach((day, i) => {
    while (k + 1 < byObservation.length && byObservation[k + 1].observed <= day) k++;
    if (k < 0) return;
    const here = byObservation[k];
    const next = byObservation[k + 1];
    if (kind === "stock" || !next || here.observed === day) {
      out[i] = here.value;
      return;
    }
    const share = (dayNumber(day) - dayNumber(here.observed)) /
      (dayNumber(next.observed) - dayNumber(here.observed));
    out[i] = here.value + share * (next.value - here.value);
  });
  return out;
}

export function dailyPointInTime(anchors: MacroAnchor[], days: string[]): Float64Array {
  const byRelease = sortedBy(anchors, "released");
  const out = new Float64Array(days.length).fill(NaN);
  let k = -1;
  // Among values released by a day, the latest observation is the one a reader would use.
  let latest: MacroAnchor | null = null;
  days.forEach((day, i) => {
    while (k + 1 < byRelease.length && byRelease[k + 1].released <= day) {
      k++;
      if (!latest || byRelease[k].observed >= latest.observed) latest = byRelease[k];
    }
    if (latest) out[i] = latest.value;
  });
  return out;
}

/** Share of days whose as-published value is not an anchor's own value on its date. */
export function interpolatedShare(anchors: MacroAnchor[], days: string[]): number {
  const observed = new Set(anchors.map((a) => a.observed));
  return days.filter((d) => !observed.has(d)).length / days.length;
}
