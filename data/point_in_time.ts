/**
 * Point-in-time alignment of a macro series to bars: each bar sees the latest observation
 * whose availability date (publication.ts) is on or before the bar's last day, through a
 * backward as-of join. Observations released later never reach it.
 */
import { addWeekdays, dayOf, isoDate, isoDay, splitDay, weekdaysBetween } from "./dates.ts";
import { availableFrom, type PublicationSpec } from "./publication.ts";
import type { MacroObservations } from "./snapshot.ts";

export interface AlignedSeries {
  /** Value known at the end of each bar; NaN before the first release. */
  values: Float64Array;
  /** Observation date of the value each bar sees ("" before the first release). */
  observed: string[];
}

/**
 * `released`: the provider's first-release date of each observation; without it, the
 * spec's rule gives the availability dates. A release dated before an earlier observation's
 * counts from that one's (an observation is never used before its predecessor is known).
 */
export function alignPointInTime(
  barDates: readonly string[],
  series: Pick<MacroObservations, "dates" | "values">,
  spec: PublicationSpec,
  released?: readonly string[],
): AlignedSeries {
  // One row per availability day: when two observations become known the same day, the
  // later observation is the one a reader would use.
  const avail: number[] = [];
  const index: number[] = [];
  series.dates.forEach((date, i) => {
    const known = released ? isoDay(released[i]) : availableFrom(date, spec);
    const day = Math.max(known, avail[avail.length - 1] ?? known);
    if (avail.length > 0 && avail[avail.length - 1] === day) {
      index[index.length - 1] = i;
    } else {
      avail.push(day);
      index.push(i);
    }
  });
  const rows = asOfBackward(Int32Array.from(barDates, (d) => isoDay(d)), avail);
  return {
    values: Float64Array.from(rows, (r) => r < 0 ? NaN : series.values[index[r]]),
    observed: Array.from(rows, (r) => r < 0 ? "" : series.dates[index[r]]),
  };
}

/**
 * Backward as-of join of ascending `days` onto ascending `keys`: for each day, the position
 * of the last key on or before it, or -1 when every key is later.
 */
function asOfBackward(days: Int32Array, keys: readonly number[]): Int32Array {
  const out = new Int32Array(days.length);
  let k = -1;
  for (let t = 0; t < days.length; t++) {
    if (t > 0 && days[t] < days[t - 1]) throw new Error("bar dates must be ascending");
    while (k + 1 < keys.length && keys[k + 1] <= days[t]) k++;
    out[t] = k;
  }
  return out;
}

function nextObservationDate(date: string, spec: PublicationSpec): string {
  const day = isoDay(date);
  if (spec.periodicity === "daily") return isoDate(addWeekdays(day + 1, 0));
  const { year, month } = splitDay(day);
  return isoDate(dayOf(year, month + (spec.periodicity === "monthly" ? 1 : 3), 1));
}

/**
 * Stretches of bars that still see an old observation more than `maxGapDays` weekdays after
 * the next one was due (a missing release, or a series that ends before the prices do).
 */
export function staleStretches(
  id: string,
  barDates: readonly string[],
  aligned: AlignedSeries,
  spec: PublicationSpec,
  maxGapDays: number,
): string[] {
  const warnings: string[] = [];
  let open: { from: string; to: string; observed: string } | null = null;
  const close = () => {
    if (!open) return;
    warnings.push(
      `${id}: bars ${open.from}..${open.to} still see the observation of ${open.observed}; ` +
        `the next one was due more than ${maxGapDays} trading days earlier (missing or late ` +
        `release, or the series ends before the prices)`,
    );
    open = null;
  };
  barDates.forEach((date, t) => {
    const observed = aligned.observed[t];
    if (observed === "") return;
    const due = availableFrom(nextObservationDate(observed, spec), spec);
    const stale = isoDay(date) > due && weekdaysBetween(due, isoDay(date)) >= maxGapDays;
    if (stale && open?.observed === observed) {
      open.to = date;
      return;
    }
    close();
    if (stale) open = { from: date, to: date, observed };
  });
  close();
  return warnings;
}
