import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import type { Fold } from "../../../models/contract.ts";
import { type LstmConfig, lstmConfig, lstmSpec } from "../../../models/lstm/lstm.ts";
import { initBackend } from "../../../models/tf/backend.ts";
import { parseModelConfig } from "../../../models/tf/model_config.ts";
import { loadModelSpec } from "../../../models/registry.ts";
import { buildWindows } from "../../../models/windows.ts";
import { pearson } from "../../../evaluation/stats/correlation.ts";
import { signalFold } from "../tf/signal_fold.ts";

await initBackend("wasm");

const context = { seed: 7, backend: "wasm" };
const tiny = (epochs: number): LstmConfig =>
  lstmConfig.parse({
    units: 12,
    dropout: 0.1,
    training: { epochs, batchSize: 32, learningRate: 0.01 },
  });

async function fitted(config: LstmConfig, fold: Fold, seed = context.seed) {
  const model = lstmSpec.create(config, { ...context, seed });
  const report = await model.fit(fold);
  return { model, report };
}

Deno.test("lstm learns a synthetic signal through the model contract", async () => {
  const fold = signalFold();
  const { model, report } = await fitted(tiny(25), fold);
  const first = report.history[0].validationLoss!;
  const best = report.history[report.selectedEpoch! - 1].validationLoss!;
  assert.ok(best < first / 4, `validation loss ${first} → ${best}`);
  assert.equal(report.summary.trainOrigins, fold.splits.train.length);
  const forecast = await model.predict(fold, "test");
  assert.equal(forecast.split, "test");
  assert.deepEqual(forecast.origins, fold.splits.test);
  assert.equal(forecast.point.length, fold.splits.test.length);
  const r = pearson(forecast.point, buildWindows(fold, "test").target)!.r;
  assert.ok(r > 0.8, `test correlation ${r}`);
  model.dispose!();
});

Deno.test("lstm: one seed gives identical predictions, another seed others", async () => {
  const fold = signalFold({ rows: 160 });
  const runs = [];
  for (const seed of [3, 3, 4]) {
    const { model } = await fitted(tiny(3), fold, seed);
    runs.push((await model.predict(fold, "validation")).point);
    model.dispose!();
  }
  assert.deepEqual(runs[1], runs[0]);
  assert.notDeepEqual(runs[2], runs[0]);
});

Deno.test("lstm: no tensor leaks across epochs, predictions and dispose", async () => {
  const fold = signalFold({ rows: 120, horizon: 2 });
  const before = tf.memory().numTensors;
  const model = lstmSpec.create(tiny(4), context);
  const counts: number[] = [];
  await model.fit(fold, { onEpoch: () => counts.push(tf.memory().numTensors) });
  assert.equal(new Set(counts).size, 1, `tensors per epoch: ${counts}`);
  const forecast = await model.predict(fold, "test");
  assert.equal(forecast.point.length, fold.splits.test.length * 2);
  model.dispose!();
  assert.equal(tf.memory().numTensors, before);
});

Deno.test("lstm: save and load give identical predictions", async () => {
  const fold = signalFold({ rows: 120 });
  const config = tiny(2);
  const { model } = await fitted(config, fold);
  const saved = await model.save!();
  const loaded = await lstmSpec.load!(config, context, saved);
  const a = await model.predict(fold, "test");
  const b = await loaded.predict(fold, "test");
  assert.deepEqual(b.point, a.point);
  assert.deepEqual(await loaded.save!(), saved);
  const before = tf.memory().numTensors;
  await assert.rejects(
    lstmSpec.load!({ ...config, layers: 4 }, context, saved),
    /has no layer "lstm_4"; load it with the config it was trained with/,
  );
  assert.equal(tf.memory().numTensors, before, "a refused load frees what it read");
  model.dispose!();
  loaded.dispose!();
});

Deno.test("lstm config: documented defaults and named errors", async () => {
  assert.equal(await loadModelSpec("lstm"), lstmSpec); // registered
  const defaults = lstmConfig.parse({});
  assert.equal(defaults.layers, 3);
  assert.equal(defaults.units, 64);
  assert.equal(defaults.dropout, 0.2);
  assert.equal(defaults.loss, "mse");
  assert.equal(defaults.training.learningRate, 1e-3);
  assert.equal(defaults.training.earlyStoppingPatience, 10);
  assert.deepEqual(defaults.training.plateau, { patience: 5, factor: 0.5, minLearningRate: 1e-5 });
  assert.throws(() => parseModelConfig("lstm", lstmConfig, { units: 0 }), /lstm config[^]*units/);
  assert.throws(
    () => parseModelConfig("lstm", lstmConfig, { training: { batchSize: -1 } }),
    /training\.batchSize/,
  );
  assert.throws(() => parseModelConfig("lstm", lstmConfig, { dropout: 1 }), /dropout/);
  assert.throws(() => parseModelConfig("lstm", lstmConfig, { hidden: 3 }), /hidden/);
});

Deno.test("lstm: clear errors for misuse and bad data", async () => {
  const fold = signalFold({ rows: 80 });
  const model = lstmSpec.create(tiny(1), context);
  await assert.rejects(() => model.predict(fold, "test"), /call fit\(fold\)/);
  const broken = signalFold({ rows: 80 });
  broken.past.values[20 * 3 + 1] = NaN;
  await assert.rejects(() => model.fit(broken), /past feature "b" is NaN at row 20 \(2000-05-26\)/);
  await model.fit(fold);
  const longer = signalFold({ rows: 80, encoderLength: 9 });
  await assert.rejects(() => model.predict(longer, "test"), /trained on encoder 6/);
  const elsewhere = lstmSpec.create(tiny(1), { ...context, backend: "cpu" });
  await assert.rejects(
    () => elsewhere.fit(fold),
    /expects the "cpu" backend but tfjs is on "wasm"/,
  );
  model.dispose!();
});
