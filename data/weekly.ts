/**
 * Weekly bars from daily bars: a week runs Monday–Sunday and its bar ends on the week's last
 * trading day (Thursday before Good Friday, Friday otherwise). OHLCV: first open, highest
 * high, lowest low, last close, summed volume; missing (NaN) daily values are skipped, and a
 * week without any volume sums to 0. The final week is kept only if it ends on a Friday: a
 * week the data cuts off (data ending Tuesday 2024-12-31) would otherwise pose as a short week.
 */
import type { Bars } from "./bars.ts";
import { isoDay, mondayOf, weekday } from "./dates.ts";

/** Positions [from, to) of each Monday–Sunday week in ascending daily dates. */
function weekRanges(dates: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  let from = 0;
  for (let t = 1; t <= dates.length; t++) {
    if (t < dates.length && mondayOf(isoDay(dates[t])) === mondayOf(isoDay(dates[from]))) {
      continue;
    }
    ranges.push([from, t]);
    from = t;
  }
  return ranges;
}

function finite(values: Float64Array, [from, to]: [number, number]): number[] {
  const out: number[] = [];
  for (let t = from; t < to; t++) if (!Number.isNaN(values[t])) out.push(values[t]);
  return out;
}

export function weeklyBars(daily: Bars): Bars {
  if (daily.frequency !== "daily") throw new Error("weeklyBars needs daily bars");
  for (let t = 1; t < daily.dates.length; t++) {
    if (daily.dates[t] > daily.dates[t - 1]) continue;
    throw new Error(
      `weeklyBars needs ascending dates: ${daily.dates[t]} follows ` +
        `${daily.dates[t - 1]}`,
    );
  }
  let weeks = weekRanges(daily.dates);
  const last = weeks.at(-1);
  if (last && weekday(isoDay(daily.dates[last[1] - 1])) !== 5) weeks = weeks.slice(0, -1);
  const pick = (f: (range: [number, number]) => number) => Float64Array.from(weeks, f);
  return {
    frequency: "weekly",
    dates: weeks.map(([, to]) => daily.dates[to - 1]),
    startDates: weeks.map(([from]) => daily.dates[from]),
    ordinal: Int32Array.from(weeks, ([, to]) => daily.ordinal[to - 1]),
    days: Int32Array.from(weeks, ([from, to]) => to - from),
    open: pick((range) => finite(daily.open, range)[0] ?? NaN),
    high: pick((range) => {
      const values = finite(daily.high, range);
      return values.length === 0 ? NaN : Math.max(...values);
    }),
    low: pick((range) => {
      const values = finite(daily.low, range);
      return values.length === 0 ? NaN : Math.min(...values);
    }),
    close: pick((range) => finite(daily.close, range).at(-1) ?? NaN),
    volume: pick((range) => finite(daily.volume, range).reduce((sum, v) => sum + v, 0)),
  };
}
