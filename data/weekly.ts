/**
 * Weekly bars from daily bars (nodejs-polars group-by): a week runs Monday–Sunday and its
 * bar ends on the week's last trading day (Thursday before Good Friday, Friday otherwise).
 * OHLCV: first open, highest high, lowest low, last close, summed volume; missing daily
 * values are skipped. The final week is kept only if it ends on a Friday: a week the data
 * cuts off (data ending Tuesday 2024-12-31) would otherwise pose as a short week.
 */
import pl from "nodejs-polars";
import type { Bars } from "./bars.ts";
import { isoDay, mondayOf, weekday } from "./dates.ts";

/** NaN → null, so polars' min/max/sum skip missing values instead of propagating them. */
function nullable(values: Float64Array): (number | null)[] {
  return Array.from(values, (v) => Number.isNaN(v) ? null : v);
}

function floats(series: pl.Series): Float64Array {
  return Float64Array.from(series.toArray() as (number | null)[], (v) => v ?? NaN);
}

export function weeklyBars(daily: Bars): Bars {
  if (daily.frequency !== "daily") throw new Error("weeklyBars needs daily bars");
  const frame = pl.DataFrame({
    week: Int32Array.from(daily.dates, (date) => mondayOf(isoDay(date))),
    date: daily.dates,
    ordinal: daily.ordinal,
    open: pl.Series("open", nullable(daily.open), pl.Float64),
    high: pl.Series("high", nullable(daily.high), pl.Float64),
    low: pl.Series("low", nullable(daily.low), pl.Float64),
    close: pl.Series("close", nullable(daily.close), pl.Float64),
    volume: pl.Series("volume", nullable(daily.volume), pl.Float64),
  });
  let weeks = frame.groupBy("week").agg(
    pl.col("date").first().alias("start"),
    pl.col("date").last().alias("end"),
    pl.col("ordinal").last().alias("ordinal"),
    pl.col("date").count().alias("days"),
    pl.col("open").dropNulls().first().alias("open"),
    pl.col("high").max().alias("high"),
    pl.col("low").min().alias("low"),
    pl.col("close").dropNulls().last().alias("close"),
    pl.col("volume").sum().alias("volume"),
  ).sort("week");
  const ends = weeks.getColumn("end").toArray() as string[];
  if (ends.length > 0 && weekday(isoDay(ends[ends.length - 1])) !== 5) {
    weeks = weeks.head(ends.length - 1);
  }
  return {
    frequency: "weekly",
    dates: weeks.getColumn("end").toArray() as string[],
    startDates: weeks.getColumn("start").toArray() as string[],
    ordinal: Int32Array.from(weeks.getColumn("ordinal").toArray() as number[]),
    days: Int32Array.from(weeks.getColumn("days").toArray() as number[]),
    open: floats(weeks.getColumn("open")),
    high: floats(weeks.getColumn("high")),
    low: floats(weeks.getColumn("low")),
    close: floats(weeks.getColumn("close")),
    volume: floats(weeks.getColumn("volume")),
  };
}
