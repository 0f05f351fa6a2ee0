import assert from "node:assert/strict";
import type { Gathered } from "../../engine/task.ts";
import type { TrainResult } from "../../models/contract.ts";
import { volatilityChart } from "../../reports/charts/volatility_charts.ts";
import { renderChart } from "../../reports/charts/render.ts";
import { collapseRows } from "../../reports/collapse_rows.ts";
import { conclusionParagraphs } from "../../reports/conclusion.ts";
import { predictionsCsv } from "../../reports/csv_tables.ts";
import { evaluateFits } from "../../evaluation/evaluate.ts";
import { DEFAULT_SETTINGS } from "../../evaluation/settings.ts";
import { volatilityHtml, volatilityMarkdown } from "../../reports/sections/volatility.ts";
import { buildFits, relabelFits } from "../evaluation/fixtures.ts";

const base = buildFits({ years: [2019, 2020], horizon: 2, models: ["always-long", "arimax"] });

/** ARIMAX's fits relabelled "garch", each forecast carrying a known variance per row and step. */
function withGarch(variance: (k: number, fit: TrainResult) => number): Gathered<TrainResult> {
  const garch = relabelFits(base, "arimax", "garch", (value) => ({
    model: "garch",
    test: { ...value.test, variance: value.test.point.map((_, k) => variance(k, value)) },
  }));
  return [...base, ...garch];
}

const fits = withGarch((k) => 1e-4 * (1 + (k % 3)));
const metrics = evaluateFits(fits, DEFAULT_SETTINGS);

/** Step-1 rows of the garch fits, computed independently of the library. */
function expected() {
  const variance: number[] = [];
  const squared: number[] = [];
  for (const { value } of fits) {
    if (value.label !== "garch") continue;
    const H = value.horizon;
    for (let i = 0; i < value.test.origins.length; i++) {
      variance.push(value.test.variance![i * H]);
      squared.push((value.test.actual[i * H] - value.test.point[i * H]) ** 2);
    }
  }
  return { variance, squared };
}

Deno.test("volatility scores of a model's step-1 variance forecasts, pooled over folds", () => {
  const { variance, squared } = expected();
  const n = variance.length;
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / n;
  const score = metrics.models.find((m) => m.label === "garch")!.volatility!;
  assert.equal(score.rows, n);
  assert.ok(Math.abs(score.forecastVol - Math.sqrt(mean(variance))) < 1e-12);
  assert.ok(Math.abs(score.realisedVol - Math.sqrt(mean(squared))) < 1e-12);
  const qlike = mean(variance.map((v, i) => Math.log(v) + squared[i] / v));
  assert.ok(Math.abs(score.qlike - qlike) < 1e-9);
  assert.ok(Math.abs(score.qlikeConstant! - (Math.log(mean(squared)) + 1)) < 1e-9);
  const covered = variance.filter((v, i) => Math.sqrt(squared[i]) <= 1.96 * Math.sqrt(v));
  assert.equal(score.coverage95, covered.length / n);
  assert.ok(score.correlation !== null && Math.abs(score.correlation) < 1);
  // The best constant in hindsight is never beaten by a forecast unrelated to the squares.
  assert.ok(score.qlike > score.qlikeConstant!);
  for (const m of metrics.models.filter((m) => m.label !== "garch")) {
    assert.equal(m.volatility, null);
  }
  const series = metrics.series.find((s) => s.label === "garch")!;
  assert.deepEqual(series.variance, variance);
  assert.equal(metrics.series.find((s) => s.label === "arimax")!.variance, null);
});

Deno.test("predictions.csv carries the variance forecasts, only when a model makes them", () => {
  const lines = predictionsCsv(metrics).trim().split("\n");
  const header = lines[0].split(",");
  const column = header.indexOf("variance");
  assert.ok(column > 0, `no variance column in ${lines[0]}`);
  const garch = lines.slice(1).map((l) => l.split(",")).filter((cells) => cells[3] === "garch");
  const { variance } = expected();
  assert.equal(garch.length, variance.length);
  garch.forEach((cells, i) => assert.ok(Math.abs(Number(cells[column]) - variance[i]) < 1e-10));
  const arimax = lines.slice(1).find((l) => l.split(",")[3] === "arimax")!;
  assert.equal(arimax.split(",")[column], "");
  const without = evaluateFits(base, DEFAULT_SETTINGS);
  assert.ok(!predictionsCsv(without).split("\n")[0].includes("variance"));
});

Deno.test("the report's volatility section names each model's scores, and is absent without one", () => {
  const markdown = volatilityMarkdown(metrics).join("\n\n");
  assert.match(markdown, /^## Volatility forecasts/);
  assert.match(markdown, /\*\*garch\*\* \(\d+ rows\): forecast volatility \d+\.\d\d% a week/);
  assert.match(markdown, /QLIKE −?\d+\.\d{3} against −?\d+\.\d{3} for the best constant variance/);
  const html = volatilityHtml(metrics)!;
  assert.match(html, /<td>garch<\/td>/);
  assert.match(html, /QLIKE, best constant/);
  const without = evaluateFits(base, DEFAULT_SETTINGS);
  assert.deepEqual(volatilityMarkdown(without), []);
  assert.equal(volatilityHtml(without), null);
});

Deno.test("a variance forecast that is not positive is refused, naming the node and row", () => {
  const bad = withGarch((k, fit) => (fit.testYear === 2020 && k === 4 ? 0 : 1e-4));
  assert.throws(
    () => evaluateFits(bad, DEFAULT_SETTINGS),
    /train node fit\[[^\]]*garch[^\]]*\] \(model garch\): variance forecast is 0 on test row 2 \(2020-01-17\), step 1/,
  );
});

Deno.test("GARCH with a fitted-mean point forecast is judged on volatility, not as collapsed", () => {
  // Its point forecast is a per-fold mean: up one year, down the next (calls split, std tiny).
  const garch = relabelFits(base, "arimax", "garch", (value) => {
    const mu = value.testYear === 2019 ? 4e-4 : -3e-4;
    return {
      model: "garch",
      test: {
        ...value.test,
        point: value.test.point.map(() => mu),
        variance: value.test.point.map((_, k) => 1e-4 * (1 + (k % 3))),
      },
    };
  });
  const judged = evaluateFits([...base, ...garch], DEFAULT_SETTINGS);
  const model = judged.models.find((m) => m.label === "garch")!;
  assert.ok(model.collapse.collapsed, "its direction calls do collapse");
  assert.deepEqual(judged.warnings.filter((w) => w.startsWith("garch")), []);
  const paragraph = conclusionParagraphs(judged).find((p) => p.startsWith("**garch**"))!;
  assert.match(paragraph, /It forecasts volatility, so it is judged on that: over \d+ test weeks/);
  assert.match(paragraph, /: it (does not forecast|forecasts) volatility better than the best/);
  assert.match(paragraph, /are the sign of its point forecast, a fitted mean that barely moves/);
  assert.doesNotMatch(paragraph, /collapsed/);
  const row = collapseRows(judged).find((r) => r.model.label === "garch")!;
  assert.equal(row.pattern, "volatility model");
});

Deno.test("the volatility chart draws σ̂ against |r| for each variance forecaster only", async () => {
  const definition = volatilityChart(metrics)!;
  const values = (definition.spec.data as { values: Array<Record<string, unknown>> }).values;
  const { variance } = expected();
  assert.equal(values.length, variance.length, "one row per garch test row, none for arimax");
  assert.ok(values.every((v) => v.model === "garch"));
  assert.equal(values[0].sigma, Math.sqrt(variance[0]));
  const garch = metrics.series.find((s) => s.label === "garch")!;
  assert.equal(values[3].absReturn, Math.abs(garch.actual[3]));
  const rendered = await renderChart(definition.id, definition.spec);
  assert.deepEqual(rendered.warnings, []);
  assert.match(rendered.svg, /<path/);
  assert.equal(volatilityChart(evaluateFits(base, DEFAULT_SETTINGS)), null);
});
