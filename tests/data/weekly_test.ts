import assert from "node:assert/strict";
import { join } from "node:path";
import { type Bars, dailyBars } from "../../data/bars.ts";
import { weeklyBars } from "../../data/weekly.ts";
import type { PriceSeries } from "../../data/snapshot.ts";
import { mirrorOptions, sharedDataDir } from "./_helpers.ts";
import { loadPrices } from "../../data/load_prices.ts";

/** The raw spx_daily.csv rows of [from, to], split by hand (independent of the parsers). */
function rawRows(from: string, to: string) {
  const text = Deno.readTextFileSync(join(sharedDataDir(), "spx_daily.csv"));
  return text.trim().split("\n").slice(1).map((line) => line.split(","))
    .filter(([date]) => date >= from && date <= to)
    .map(([date, open, high, low, close, volume]) => ({
      date,
      open: Number(open),
      high: Number(high),
      low: Number(low),
      close: Number(close),
      volume: Number(volume),
    }));
}

function barOn(bars: Bars, date: string) {
  const t = bars.dates.indexOf(date);
  assert.ok(t >= 0, `no weekly bar ends on ${date}`);
  return {
    start: bars.startDates[t],
    days: bars.days[t],
    open: bars.open[t],
    high: bars.high[t],
    low: bars.low[t],
    close: bars.close[t],
    volume: bars.volume[t],
    ordinal: bars.ordinal[t],
  };
}

const spx = await loadPrices(
  { symbol: "^GSPC", start: "2023-01-01", end: "2024-12-31" },
  mirrorOptions(),
);
const weekly = weeklyBars(dailyBars(spx));

Deno.test("weekly bars: Thanksgiving week 2023 matches the raw daily rows", () => {
  const rows = rawRows("2023-11-20", "2023-11-26");
  assert.deepEqual(rows.map((r) => r.date), [
    "2023-11-20",
    "2023-11-21",
    "2023-11-22",
    "2023-11-24",
  ]);
  const bar = barOn(weekly, "2023-11-24");
  assert.equal(bar.start, "2023-11-20");
  assert.equal(bar.days, 4);
  assert.equal(bar.open, rows[0].open);
  assert.equal(bar.high, Math.max(...rows.map((r) => r.high)));
  assert.equal(bar.low, Math.min(...rows.map((r) => r.low)));
  assert.equal(bar.close, rows[3].close);
  assert.equal(bar.volume, rows.reduce((sum, r) => sum + r.volume, 0));
  // Hand-checked from the four CSV lines: open 11-20, high 11-22, low 11-20, close 11-24.
  assert.deepEqual(
    [bar.open, bar.high, bar.low, bar.close, bar.volume],
    [4511.7, 4568.43, 4510.36, 4559.34, 11_838_180_000],
  );
  assert.equal(spx.dates[bar.ordinal], "2023-11-24");
});

Deno.test("weekly bars: Good Friday 2024 week ends on Thursday 2024-03-28", () => {
  const rows = rawRows("2024-03-25", "2024-03-31");
  assert.equal(rows.length, 4);
  assert.equal(weekly.dates.includes("2024-03-29"), false);
  const bar = barOn(weekly, "2024-03-28");
  assert.equal(bar.days, 4);
  assert.deepEqual(
    [bar.open, bar.high, bar.low, bar.close, bar.volume],
    [5219.52, 5264.85, 5203.42, 5254.35, 15_051_920_000],
  );
  assert.equal(bar.high, Math.max(...rows.map((r) => r.high)));
  assert.equal(bar.low, Math.min(...rows.map((r) => r.low)));
});

Deno.test("weekly bars: one bar per week, no holiday rows, a cut-off final week dropped", () => {
  // The data ends Tuesday 2024-12-31, mid-week: that week's bar would end 2025-01-03.
  assert.equal(weekly.dates.at(-1), "2024-12-27");
  const weeks2023 = weekly.dates.filter((d) => d.startsWith("2023"));
  assert.equal(weeks2023.length, 52);
  for (let t = 1; t < weekly.dates.length; t++) {
    const gap = (Date.parse(weekly.dates[t]) - Date.parse(weekly.dates[t - 1])) / 86_400_000;
    assert.ok(gap >= 4 && gap <= 8, `${weekly.dates[t - 1]} → ${weekly.dates[t]}`);
    assert.ok(Number.isFinite(weekly.close[t]));
  }
});

Deno.test("weekly bars: missing daily values are skipped, not propagated", () => {
  const series: PriceSeries = {
    kind: "prices",
    symbol: "TEST",
    source: { provider: "mirror", location: "t.csv", sha256: "" },
    fetchedAt: null,
    dates: ["2024-01-08", "2024-01-09", "2024-01-10", "2024-01-12"],
    open: new Float64Array([NaN, 11, 12, 13]),
    high: new Float64Array([15, NaN, 14, 16]),
    low: new Float64Array([9, 10, NaN, 11]),
    close: new Float64Array([10, 12, 13, 14]),
    volume: new Float64Array([100, 200, NaN, 50]),
    warnings: [],
  };
  const bars = weeklyBars(dailyBars(series));
  assert.deepEqual(bars.dates, ["2024-01-12"]);
  assert.deepEqual(
    [bars.open[0], bars.high[0], bars.low[0], bars.close[0], bars.volume[0], bars.days[0]],
    [11, 16, 9, 14, 350, 4],
  );
});
