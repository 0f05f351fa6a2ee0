import assert from "node:assert/strict";
import { dailyBars } from "../../data/bars.ts";
import { regimeLabels } from "../../data/regime.ts";
import type { PriceSeries } from "../../data/snapshot.ts";

function prices(close: number[]): PriceSeries {
  const dates = close.map((_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10));
  const column = new Float64Array(close);
  return {
    kind: "prices",
    symbol: "T",
    source: { provider: "mirror", location: "t", sha256: "" },
    fetchedAt: null,
    dates,
    open: column,
    high: column,
    low: column,
    close: column,
    volume: column,
    warnings: [],
  };
}

Deno.test("regime: stress from the VIX level, else bull/bear against the trend", () => {
  const daily = dailyBars(prices([10, 11, 12, 13, 9, 14, 15]));
  const vix = new Float64Array([15, 15, 15, 30, 20, 25, NaN]);
  const labels = regimeLabels(daily, daily, vix, { vixThreshold: 25, trendDays: 3 });
  // SMA3 from row 2: 11, 12, 11.33, 12, 12.67.
  assert.deepEqual(labels, ["unknown", "unknown", "bull", "stress", "bear", "stress", "unknown"]);
});
