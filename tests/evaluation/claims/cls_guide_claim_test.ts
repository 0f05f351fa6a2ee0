import assert from "node:assert/strict";
import { clsGuideClaim, type GuideRunResult } from "../../../evaluation/claims/cls_guide_claim.ts";
import { guideSharpe } from "../../../models/cls_guide/backtest.ts";
import type { ForecastScore } from "../../../models/cls_guide/score.ts";
import { graphFromDefinition } from "../../../engine/declare/loader.ts";
import clsGuide from "../../../pipelines/claims/cls-guide.ts";
import { AS_PUBLISHED, guideProtocolSchema } from "../../../models/cls_guide/protocol.ts";

const days = 120;
const wave = (phase: number) =>
  Float64Array.from({ length: days }, (_, t) => 0.001 + 0.01 * Math.sin(t * 1.3 + phase));

const score = (mse: number, daily: Float64Array, trades: number): ForecastScore => ({
  mse,
  mae: Math.sqrt(mse),
  directionAccuracy: 0.52,
  sharpe: 0,
  annualReturn: 0,
  trades,
  daily,
});

const run = (departures: string[], sharpe: GuideRunResult["sharpe"]): GuideRunResult => ({
  kind: "cls-guide-run",
  departures,
  sharpe,
  scores: {
    dates: Array.from(
      { length: days },
      (_, t) => `2023-01-${String(1 + (t % 28)).padStart(2, "0")}`,
    ),
    actual: wave(0),
    transformer: score(6.6e-5, wave(0.5), 4),
    constant: score(6.5e-5, new Float64Array(days), 0),
    buyAndHold: { sharpe: 0, annualReturn: 0, daily: wave(0) },
  },
  fit: { selectedEpoch: 3, epochs: 13, trainWindows: 400, scalerRows: 500 },
});

const options = { reps: 200, meanBlock: 5, level: 0.95, seed: 7 };

Deno.test("claim 5's row: each run's own Sharpe formula, the constant as a variant, no skill", () => {
  const row = clsGuideClaim(run(["leak: x"], "excess-of-2pct"), run([], "plain"), options);
  assert.equal(row.claim, 5);
  assert.ok(Math.abs(row.asPublished!.value - guideSharpe(wave(0.5), "excess-of-2pct")) < 1e-12);
  assert.ok(Math.abs(row.leakFree!.value - guideSharpe(wave(0.5), "plain")) < 1e-12);
  assert.deepEqual(row.asPublished!.departures, ["leak: x"]);
  assert.equal(row.variants![0].name, "constant forecast (training mean)");
  assert.equal(row.variants![0].estimate.value, 0, "a constant under the threshold never trades");
  assert.equal(row.baseline.estimate.rows, days);
  assert.match(row.verdict, /leak-free, its MSE is 6\.6e-5 against the constant's 6\.5e-5/);
  assert.match(row.verdict, /no skill/);
  assert.equal(row.details!.rows.length, 6);
  assert.equal(row.details!.rows[3][0], "leak-free: Transformer");
  assert.equal(row.details!.rows[3][1], "6.6e-5");
});

Deno.test("claim 5 refuses a 'leak-free' run that carries a departure", () => {
  assert.throws(
    () => clsGuideClaim(run(["a"], "plain"), run(["leak: y"], "plain"), options),
    /the leak-free run carries departures \(leak: y\)/,
  );
});

Deno.test("claims/cls-guide declares the guide's protocol as published and every default leak-free", async () => {
  const graph = await graphFromDefinition(clsGuide, {
    file: "pipelines/claims/cls-guide.ts",
    overrides: [],
  });
  const params = (label: string) =>
    (graph.byId.get(`cls-run[protocol=${label}]`)!.params as { protocol: unknown }).protocol;
  assert.deepEqual(params("leak-free"), guideProtocolSchema.parse({}));
  assert.deepEqual(params("as-published"), guideProtocolSchema.parse(AS_PUBLISHED));
});

Deno.test("claim 5's verdict follows the numbers: better than a constant but behind buy-and-hold", () => {
  const better = run([], "plain");
  better.scores.transformer = score(6.0e-5, wave(2.5), 6);
  better.scores.buyAndHold.daily = Float64Array.from(wave(0), (v) => v + 0.01);
  const row = clsGuideClaim(run(["leak: x"], "excess-of-2pct"), better, options);
  assert.match(row.verdict, /forecasts a little better than a constant but trails buy-and-hold/);
  assert.match(row.verdict, /against always-long's \d+\.\d%/);
});

Deno.test("claim 5 with the guide's baselines: leak-free variants and rows for each run", () => {
  const scores = { ridge: score(8e-5, wave(1), 30), "random-forest": score(7e-5, wave(2), 12) };
  const baselines = {
    published: { kind: "cls-guide-baselines" as const, rows: days, scores },
    leakFree: { kind: "cls-guide-baselines" as const, rows: days, scores },
  };
  const row = clsGuideClaim(
    run(["leak: x"], "excess-of-2pct"),
    run([], "plain"),
    options,
    baselines,
  );
  assert.deepEqual(row.variants!.map((v) => v.name), [
    "constant forecast (training mean)",
    "ridge",
    "random-forest",
  ]);
  assert.ok(Math.abs(row.variants![1].estimate.value - guideSharpe(wave(1), "plain")) < 1e-12);
  assert.equal(row.details!.rows.length, 10);
  assert.equal(row.details!.rows[2][0], "as published: ridge");
  assert.equal(row.details!.rows[2][1], "8.0e-5");
});
