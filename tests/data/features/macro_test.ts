import assert from "node:assert/strict";
import { dailyBars } from "../../../data/bars.ts";
import { macroFeatures } from "../../../data/features/macro.ts";
import type { MacroSeries, PriceSeries } from "../../../data/snapshot.ts";

const source = { provider: "mirror" as const, location: "t.csv", sha256: "" };
const dates = ["2021-05-10", "2021-05-11", "2021-05-12", "2021-05-13", "2021-05-14", "2021-05-17"];
const spx: PriceSeries = {
  kind: "prices",
  symbol: "^GSPC",
  source,
  fetchedAt: null,
  dates,
  open: new Float64Array(6).fill(1),
  high: new Float64Array(6).fill(1),
  low: new Float64Array(6).fill(1),
  close: new Float64Array(6).fill(1),
  volume: new Float64Array(6).fill(1),
  warnings: [],
};

function monthly(id: string, from: number, values: number[]) {
  const dates = values.map((_, i) => {
    const m = from + i;
    const year = 2020 + Math.floor((m - 1) / 12);
    return `${year}-${String(((m - 1) % 12) + 1).padStart(2, "0")}-01`;
  });
  return { id, source, dates, values: new Float64Array(values) };
}

const macro: MacroSeries = {
  kind: "macro",
  fetchedAt: null,
  warnings: [],
  series: [
    // CPI 2020-03 .. 2021-04: April 2021 (released 2021-05-12) is known from 2021-05-20 only.
    monthly("CPIAUCSL", 3, [
      258.1,
      256.4,
      256.4,
      257.8,
      259.1,
      259.9,
      260.3,
      260.4,
      260.2,
      260.5,
      261.6,
      263.0,
      264.9,
      267.1,
    ]),
    monthly("UNRATE", 3, [
      4.4,
      14.8,
      13.2,
      11.0,
      10.2,
      8.4,
      7.8,
      6.9,
      6.7,
      6.7,
      6.4,
      6.2,
      6.0,
      6.1,
    ]),
    {
      id: "DGS10",
      source,
      dates: ["2021-05-07", "2021-05-10", "2021-05-11", "2021-05-12", "2021-05-13", "2021-05-14"],
      values: new Float64Array([1.60, 1.63, 1.62, 1.69, 1.66, 1.64]),
    },
    {
      id: "DGS2",
      source,
      dates: ["2021-05-07", "2021-05-10", "2021-05-11", "2021-05-12", "2021-05-13", "2021-05-14"],
      values: new Float64Array([0.16, 0.16, 0.16, 0.17, 0.16, 0.15]),
    },
    { id: "VIXCLS", source, dates, values: new Float64Array([19.7, 21.8, 27.6, 23.1, 18.8, 19.7]) },
  ],
};

Deno.test("macro features: CPI year-on-year and unemployment change, point in time", () => {
  const bars = dailyBars(spx);
  const result = macroFeatures(["cpi_yoy", "unrate_change"], {
    bars,
    vix: null,
    macro,
    overrides: {},
    maxGapDays: 5,
  });
  const yoy = result.columns.get("cpi_yoy")!;
  // Through 2021-05-17 the latest released CPI is March 2021: 264.9 / 258.1 − 1.
  for (let t = 0; t < dates.length; t++) assert.ok(Math.abs(yoy[t] - (264.9 / 258.1 - 1)) < 1e-12);
  const unrate = result.columns.get("unrate_change")!;
  // April's unemployment (6.1) came out Fri 2021-05-07: change 6.1 − 6.0.
  assert.ok(Math.abs(unrate[0] - 0.1) < 1e-12);
  assert.deepEqual(result.rules.CPIAUCSL, { rule: "day-of-month-after", months: 1, day: 20 });
});

Deno.test("macro features: yields lag a business day, 2s10s falls back to DGS10 − DGS2", () => {
  const result = macroFeatures(["dgs10", "dgs10_change", "spread_2s10s", "vix_change"], {
    bars: dailyBars(spx),
    vix: null,
    macro,
    overrides: {},
    maxGapDays: 5,
  });
  assert.deepEqual(Array.from(result.columns.get("dgs10")!), [1.60, 1.63, 1.62, 1.69, 1.66, 1.64]);
  assert.ok(Math.abs(result.columns.get("dgs10_change")![3] - 0.07) < 1e-12);
  const spread = result.columns.get("spread_2s10s")!;
  assert.ok(Math.abs(spread[3] - (1.69 - 0.17)) < 1e-12);
  assert.deepEqual(Array.from(result.vix), [19.7, 21.8, 27.6, 23.1, 18.8, 19.7]);
  assert.ok(Math.abs(result.columns.get("vix_change")![2] - 5.8) < 1e-12);
});

Deno.test("macro features: a feature whose series was not fetched names the fix", () => {
  assert.throws(
    () =>
      macroFeatures(["fedfunds"], {
        bars: dailyBars(spx),
        vix: null,
        macro,
        overrides: {},
        maxGapDays: 5,
      }),
    /feature "fedfunds" needs FRED series FEDFUNDS.*add "FEDFUNDS" to the fetchMacro node's series/,
  );
});
