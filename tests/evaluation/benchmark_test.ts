import assert from "node:assert/strict";
import { evaluateFits } from "../../evaluation/evaluate.ts";
import { DEFAULT_SETTINGS, type EvaluationSettings } from "../../evaluation/settings.ts";
import { comparisonsOf, forecasters, isBenchmark } from "../../evaluation/benchmark.ts";
import { buildFits } from "./fixtures.ts";

const fits = buildFits({
  years: [2020, 2021, 2022],
  models: ["always-long", "tft", "arimax", "ridge"],
});
const settings = (over: Partial<EvaluationSettings>) => ({
  ...DEFAULT_SETTINGS,
  bootstrapReps: 200,
  ...over,
});
const against = (m: { dieboldMariano: Array<{ against: string; loss: string; step: number }> }) =>
  m.dieboldMariano.filter((d) => d.step === 1).map((d) => `${d.against}/${d.loss}`);

Deno.test("default: always-long is the benchmark; ARIMAX and always-long are compared", () => {
  const metrics = evaluateFits(fits, settings({}));
  assert.deepEqual(forecasters(metrics).map((m) => m.label), ["tft", "arimax", "ridge"]);
  const tft = metrics.models.find((m) => m.label === "tft")!;
  assert.deepEqual(against(tft), [
    "always-long/directional",
    "always-long/squared",
    "arimax/directional",
    "arimax/squared",
  ]);
  const arimax = metrics.models.find((m) => m.label === "arimax")!;
  assert.deepEqual(against(arimax), ["always-long/directional", "always-long/squared"]);
  assert.deepEqual(metrics.warnings.filter((w) => w.includes("names no model")), []);
});

Deno.test("a DAG that names another benchmark gets comparisons against it", () => {
  const metrics = evaluateFits(fits, settings({ benchmark: "ridge" }));
  assert.ok(isBenchmark(metrics.settings, { label: "ridge", model: "ridge" }));
  assert.deepEqual(forecasters(metrics).map((m) => m.label), ["always-long", "tft", "arimax"]);
  const tft = metrics.models.find((m) => m.label === "tft")!;
  assert.deepEqual(against(tft), [
    "always-long/directional",
    "ridge/directional",
    "ridge/squared",
    "always-long/squared",
    "arimax/directional",
    "arimax/squared",
  ]);
  const ridge = metrics.models.find((m) => m.label === "ridge")!;
  assert.ok(!against(ridge).includes("always-long/directional"), "the benchmark is not judged");
  assert.ok(!against(ridge).includes("ridge/squared"), "never compared with itself");
});

Deno.test("comparisons are the DAG's list; one that names no model is a warning", () => {
  const only = settings({ comparisons: [{ against: "tft", losses: ["squared"] }] });
  assert.deepEqual(comparisonsOf(only), [
    { against: "always-long", losses: ["directional", "squared"] },
    { against: "tft", losses: ["squared"] },
  ]);
  const metrics = evaluateFits(
    fits,
    settings({
      comparisons: [{ against: "tft", losses: ["squared"] }, {
        against: "xgb",
        losses: ["squared"],
      }],
    }),
  );
  const arimax = metrics.models.find((m) => m.label === "arimax")!;
  assert.deepEqual(against(arimax), [
    "always-long/directional",
    "always-long/directional",
    "always-long/squared",
    "tft/squared",
  ]);
  assert.ok(metrics.warnings.some((w) => /comparison "xgb" names no model/.test(w)));
});
