import assert from "node:assert/strict";
import { renderChart } from "../../../reports/charts/render.ts";
import {
  forecastSeriesChart,
  rollingAccuracyChart,
  rollingWindow,
} from "../../../reports/charts/series_charts.ts";
import { fixtureMetrics } from "../report_fixture.ts";

type Rows = Array<Record<string, unknown>>;
const valuesOf = (spec: Record<string, unknown>) => (spec.data as { values: Rows }).values;

Deno.test("rolling accuracy: each forecaster and always-long, once the window is full", async () => {
  const metrics = fixtureMetrics({ years: [2021, 2022], models: ["always-long", "tft", "lstm"] });
  const window = rollingWindow(metrics);
  assert.equal(window, 26);
  const definition = rollingAccuracyChart(metrics)!;
  const values = valuesOf(definition.spec);
  const tft = metrics.series.find((s) => s.label === "tft")!;
  const tftRows = values.filter((v) => v.model === "tft");
  assert.equal(tftRows.length, tft.dates.length - window + 1);
  const hits =
    tft.dates.slice(0, window).filter((_, i) => (tft.point[i] > 0) === (tft.actual[i] > 0)).length;
  assert.equal(tftRows[0].da, hits / window);
  assert.equal(tftRows[0].date, tft.dates[window - 1]);
  // The collapsed lstm calls up every week: its line is always-long's.
  const lstm = values.filter((v) => v.model === "lstm").map((v) => v.da);
  const base = values.filter((v) => v.model === "always-long").map((v) => v.da);
  assert.deepEqual(lstm, base);
  assert.deepEqual((await renderChart(definition.id, definition.spec)).warnings, []);
  const short = fixtureMetrics({ years: [2022], frequency: "daily", models: ["tft"] });
  assert.ok(rollingAccuracyChart(short), "126 daily rows fit in a year of days");
});

Deno.test("forecast series: the band only for quantile forecasters, no warnings either way", async () => {
  const sets: Array<Array<"always-long" | "tft" | "ridge">> = [
    ["always-long", "ridge"],
    ["always-long", "tft", "ridge"],
  ];
  for (const models of sets) {
    const metrics = fixtureMetrics({ years: [2021], models });
    const definition = forecastSeriesChart(metrics)!;
    const values = valuesOf(definition.spec);
    assert.ok(values.every((v) => v.model !== "always-long"), "the benchmark is not a forecast");
    const banded = values.filter((v) => v.low !== null).map((v) => v.model);
    assert.deepEqual([...new Set(banded)], models.includes("tft") ? ["tft"] : []);
    const rendered = await renderChart(definition.id, definition.spec);
    assert.deepEqual(rendered.warnings, [], models.join(","));
  }
});
