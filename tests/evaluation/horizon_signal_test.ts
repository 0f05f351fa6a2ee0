/**
 * The horizon-averaged signal: the mean of the H forecasts as the step-1 call, counted by
 * hand on the fixture fits (horizon 2), beside always-long on the same rows; absent for
 * one-step forecasts; shown in the by-step table and CSV.
 */
import assert from "node:assert/strict";
import { evaluateFits } from "../../evaluation/evaluate.ts";
import { averagedRows } from "../../evaluation/horizon_signal.ts";
import { DEFAULT_SETTINGS } from "../../evaluation/settings.ts";
import { byStep } from "../../reports/breakdown_rows.ts";
import { metricsCsv } from "../../reports/csv_tables.ts";
import { buildFits } from "./fixtures.ts";

Deno.test("averagedRows: mean of the steps' forecasts against the step-1 actual", () => {
  const step = (point: number[], actual: number[]) => ({
    dates: ["2020-01-03", "2020-01-10"],
    regime: ["bull", "bull"],
    actual: Float64Array.from(actual),
    point: Float64Array.from(point),
    quantiles: null,
  });
  const rows = averagedRows([step([0.01, -0.03], [0.02, -0.01]), step([-0.03, 0.01], [5, 5])]);
  for (const v of rows.point) assert.ok(Math.abs(v + 0.01) < 1e-12, `${v}`);
  assert.deepEqual(Array.from(rows.actual), [0.02, -0.01], "scored on step 1's realised return");
  assert.throws(() => averagedRows([]), /no forecast steps/);
});

const fits = buildFits({ years: [2019, 2020, 2021, 2022], horizon: 2 });
const metrics = evaluateFits(fits, DEFAULT_SETTINGS);

Deno.test("horizon-averaged score: hits counted by hand, always-long on the same rows", () => {
  const tft = metrics.models.find((m) => m.label === "tft")!;
  let n = 0, hits = 0, up = 0;
  for (const { value } of fits) {
    if (value.label !== "tft") continue;
    for (let i = 0; i < value.test.dates.length; i++) {
      const mean = (value.test.point[2 * i] + value.test.point[2 * i + 1]) / 2;
      const actual = value.test.actual[2 * i];
      n++;
      if ((mean > 0) === (actual > 0)) hits++;
      if (actual > 0) up++;
    }
  }
  const averaged = tft.horizonAveraged!;
  assert.equal(averaged.group, "mean of steps 1–2");
  assert.equal(averaged.n, n);
  assert.ok(Math.abs(averaged.da! - hits / n) < 1e-12);
  assert.ok(Math.abs(averaged.baseRate! - up / n) < 1e-12, "always-long on the same rows");
  assert.equal(averaged.baseRate, tft.pooled.baseRate);
  assert.ok(averaged.excessCi !== null);
  assert.notEqual(averaged.da, tft.byStep[0].da, "the averaged call differs from step 1's");
  assert.deepEqual(byStep(tft).map((g) => g.group), ["step 1", "step 2", "mean of steps 1–2"]);
  assert.ok(metricsCsv(metrics).includes("mean of steps 1–2"));
});

Deno.test("one-step forecasts have no horizon-averaged score", () => {
  const one = evaluateFits(buildFits({ years: [2020, 2021], horizon: 1 }), DEFAULT_SETTINGS);
  for (const m of one.models) assert.equal(m.horizonAveraged, null);
});
