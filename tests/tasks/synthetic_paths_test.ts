/**
 * The synthetic node: paths sampled from a market-gpt fit and simulated from the fold's
 * GARCH(1,1), each as long as the test year, compared fact by fact with the real test year;
 * the same seed gives the same result, and a missing GARCH forecast is an error naming it.
 */
import assert from "node:assert/strict";
import { initBackend } from "../../models/tf/backend.ts";
import { syntheticPaths } from "../../tasks/synthetic_paths.ts";
import { marketGptConfig } from "../../models/market_gpt/config.ts";
import { marketGptSpec } from "../../models/market_gpt/market_gpt.ts";
import { garchSpec } from "../../models/baselines/garch.ts";
import { klineFrame } from "../../data/features/kline_frame.ts";
import { rollingFold } from "../../data/folds/rolling.ts";
import type { FittedModel, TrainResult } from "../../models/contract.ts";
import { FACT_NAMES } from "../../evaluation/pretrained/synthetic_facts.ts";
import { syntheticPanel } from "../models/market_gpt/synthetic_panel.ts";
import { recordingContext } from "./task_context.ts";

await initBackend("wasm");

const { fold } = rollingFold(klineFrame(syntheticPanel().series[0], ["return", "range"]), {
  testYear: 2018,
  trainYears: 4,
  validationYears: 1,
  validationFraction: null,
  encoderLength: 8,
  horizon: 1,
  embargo: 0,
  features: null,
  laggedTarget: false,
  clipStd: 5,
});
const context = { seed: 1, backend: "wasm" };

const config = marketGptConfig.parse({
  dModel: 8,
  heads: 2,
  layers: 1,
  feedForward: 8,
  training: { epochs: 1, batchSize: 64 },
});
const gpt = marketGptSpec.create(config, context);
await gpt.fit(fold);
const fitted = {
  label: "zero-shot",
  model: "market-gpt",
  config,
  weights: await gpt.save!(),
} as unknown as FittedModel;
gpt.dispose!();

const garch = garchSpec.create(garchSpec.schema.parse({}), context);
await garch.fit(fold);
const garchResult = {
  label: "garch",
  model: "garch",
  test: await garch.predict(fold, "test"),
  explanation: await garch.explain!(fold, "test"),
} as unknown as TrainResult;

const ctx = () => ({ ...recordingContext("synthetic[testYear=2018]"), backend: "wasm" });
const params = syntheticPaths.params.parse({ models: ["zero-shot"], paths: 4 });
const inputs = {
  fold,
  fits: [{ id: "fit", coords: {}, value: fitted }],
  baselines: [{ id: "garch", coords: {}, value: garchResult }],
};

Deno.test("synthetic node: market-gpt and GARCH paths beside the real test year, deterministic", async () => {
  const result = await syntheticPaths.run(inputs, params, ctx());
  assert.equal(result.steps, fold.splits.test.length);
  assert.deepEqual(result.models.map((m) => m.label), ["zero-shot", "garch, simulated"]);
  for (const model of result.models) {
    assert.deepEqual(model.facts.map((f) => f.fact), [...FACT_NAMES]);
    assert.ok(model.facts.every((f) => Number.isFinite(f.real) && f.low <= f.high));
  }
  assert.deepEqual(await syntheticPaths.run(inputs, params, ctx()), result);
});

Deno.test("synthetic node: a missing GARCH forecast is an error naming the label", async () => {
  await assert.rejects(
    async () => {
      await syntheticPaths.run({ ...inputs, baselines: [] }, params, ctx());
    },
    /no garch forecast labelled "garch"/,
  );
});
