import assert from "node:assert/strict";
import { dailyBars } from "../../../data/bars.ts";
import { calendarFeatures } from "../../../data/features/calendar.ts";
import { weeklyBars } from "../../../data/weekly.ts";
import type { PriceSeries } from "../../../data/snapshot.ts";

function series(dates: string[]): PriceSeries {
  const ones = () => new Float64Array(dates.length).fill(1);
  return {
    kind: "prices",
    symbol: "TEST",
    source: { provider: "mirror", location: "t.csv", sha256: "" },
    fetchedAt: null,
    dates,
    open: ones(),
    high: ones(),
    low: ones(),
    close: ones(),
    volume: ones(),
    warnings: [],
  };
}

// Mon 2024-01-29 .. Fri 2024-02-09, then Thu 2024-02-29 and Fri 2024-03-01.
const dates = [
  "2024-01-29",
  "2024-01-30",
  "2024-01-31",
  "2024-02-01",
  "2024-02-02",
  "2024-02-05",
  "2024-02-06",
  "2024-02-07",
  "2024-02-08",
  "2024-02-09",
  "2024-02-29",
  "2024-03-01",
];

Deno.test("calendar: month_end marks the bar holding a month's last trading day", () => {
  const daily = calendarFeatures(dailyBars(series(dates)));
  const flagged = dates.filter((_, t) => daily.month_end[t] === 1);
  assert.deepEqual(flagged, ["2024-01-31", "2024-02-29"]);
  const weekly = weeklyBars(dailyBars(series(dates)));
  const features = calendarFeatures(weekly);
  assert.deepEqual(weekly.dates, ["2024-02-02", "2024-02-09", "2024-03-01"]);
  // The week of Jan 29 holds Jan 31; the week of Feb 26 holds Feb 29.
  assert.deepEqual(Array.from(features.month_end), [1, 0, 1]);
  assert.deepEqual(Array.from(features.bar_days), [5, 5, 2]);
});

Deno.test("calendar: weekday, month and year angles from the bar's last day", () => {
  const features = calendarFeatures(dailyBars(series(["2024-01-01", "2024-07-04", "2024-12-27"])));
  assert.deepEqual(Array.from(features.weekday), [0, 0.75, 1]);
  assert.equal(features.month_sin[0], 0);
  assert.equal(features.month_cos[0], 1);
  assert.ok(Math.abs(features.month_cos[1] - Math.cos(Math.PI)) < 1e-12);
  assert.ok(features.year_sin[2] < 0 && features.year_cos[2] > 0.99);
});
