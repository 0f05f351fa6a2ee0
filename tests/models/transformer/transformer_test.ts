import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import type { Fold } from "../../../models/contract.ts";
import { lstmConfig, lstmSpec } from "../../../models/lstm/lstm.ts";
import { initBackend } from "../../../models/tf/backend.ts";
import { parseModelConfig } from "../../../models/tf/model_config.ts";
import { loadModelSpec } from "../../../models/registry.ts";
import {
  type ClsTransformerConfig,
  clsTransformerConfig,
  clsTransformerSpec,
} from "../../../models/transformer/transformer.ts";
import { buildWindows } from "../../../models/windows.ts";
import { pearson } from "../../../evaluation/stats/correlation.ts";
import { signalFold } from "../tf/signal_fold.ts";

await initBackend("wasm");

const context = { seed: 11, backend: "wasm" };
const tiny = (epochs: number, extra: Partial<ClsTransformerConfig> = {}) =>
  clsTransformerConfig.parse({
    dModel: 16,
    heads: 2,
    layers: 2,
    feedForward: 32,
    headUnits: 16,
    training: { epochs, batchSize: 32, learningRate: 3e-3 },
    ...extra,
  });

async function fitted(config: ClsTransformerConfig, fold: Fold, seed = context.seed) {
  const model = clsTransformerSpec.create(config, { ...context, seed });
  const report = await model.fit(fold);
  return { model, report };
}

Deno.test("cls-transformer learns a synthetic signal through the model contract", async () => {
  const fold = signalFold();
  const { model, report } = await fitted(tiny(30), fold);
  const first = report.history[0].validationLoss!;
  const best = report.history[report.selectedEpoch! - 1].validationLoss!;
  assert.ok(best < first / 2, `validation loss ${first} → ${best}`);
  const forecast = await model.predict(fold, "test");
  assert.deepEqual(forecast.origins, fold.splits.test);
  const r = pearson(forecast.point, buildWindows(fold, "test").target)!.r;
  assert.ok(r > 0.6, `test correlation ${r}`);
  model.dispose!();
});

Deno.test("cls-transformer explain: attention per layer and head over the encoder steps", async () => {
  const fold = signalFold({ rows: 120 });
  const { model } = await fitted(tiny(2, { layers: 3, heads: 4 }), fold);
  const explanation = await model.explain!(fold, "test");
  const byHead = explanation.attentionByHead!;
  assert.equal(byHead.length, 3);
  for (const layer of byHead) {
    assert.equal(layer.length, 4);
    for (const head of layer) {
      assert.equal(head.length, fold.encoderLength);
      const sum = head.reduce((a, b) => a + b, 0);
      // The rest of each [CLS] row (which sums to 1) is the token's attention to itself.
      assert.ok(sum > 0 && sum < 1 + 1e-6, `steps hold ${sum} of the [CLS] row`);
      assert.ok(head.every((w) => w >= 0));
    }
  }
  const { steps, weights } = explanation.attention!;
  assert.deepEqual(steps, [-5, -4, -3, -2, -1, 0]);
  const lastLayer = byHead[2];
  weights.forEach((w, s) => {
    const mean = lastLayer.reduce((sum, head) => sum + head[s], 0) / lastLayer.length;
    assert.ok(Math.abs(w - mean) < 1e-9);
  });
  model.dispose!();
});

Deno.test("cls-transformer: one seed gives identical predictions, another seed others", async () => {
  const fold = signalFold({ rows: 140 });
  const runs = [];
  for (const seed of [5, 5, 6]) {
    const { model } = await fitted(tiny(2), fold, seed);
    runs.push((await model.predict(fold, "validation")).point);
    model.dispose!();
  }
  assert.deepEqual(runs[1], runs[0]);
  assert.notDeepEqual(runs[2], runs[0]);
});

Deno.test("cls-transformer: no tensor leaks across epochs, predict, explain and dispose", async () => {
  const fold = signalFold({ rows: 120, horizon: 3 });
  const before = tf.memory().numTensors;
  const model = clsTransformerSpec.create(tiny(3), context);
  const counts: number[] = [];
  await model.fit(fold, { onEpoch: () => counts.push(tf.memory().numTensors) });
  assert.equal(new Set(counts).size, 1, `tensors per epoch: ${counts}`);
  const forecast = await model.predict(fold, "test");
  assert.equal(forecast.point.length, fold.splits.test.length * 3);
  const afterPredict = tf.memory().numTensors;
  await model.explain!(fold, "test");
  await model.explain!(fold, "validation");
  assert.equal(tf.memory().numTensors, afterPredict);
  model.dispose!();
  assert.equal(tf.memory().numTensors, before);
});

Deno.test("cls-transformer: save and load give identical predictions and attention", async () => {
  const fold = signalFold({ rows: 120 });
  const config = tiny(2);
  const { model } = await fitted(config, fold);
  const saved = await model.save!();
  const loaded = await clsTransformerSpec.load!(config, context, saved);
  assert.deepEqual(
    (await loaded.predict(fold, "test")).point,
    (await model.predict(fold, "test")).point,
  );
  assert.deepEqual(await loaded.explain!(fold, "test"), await model.explain!(fold, "test"));
  const lstm = lstmSpec.create(lstmConfig.parse({ units: 4, training: { epochs: 1 } }), context);
  await lstm.fit(fold);
  await assert.rejects(
    async () => clsTransformerSpec.load!(config, context, await lstm.save!()),
    /cls-transformer: the saved weights are a "lstm" model/,
  );
  [model, loaded, lstm].forEach((m) => m.dispose!());
});

Deno.test("cls-transformer config: documented defaults and named errors", async () => {
  assert.equal(await loadModelSpec("cls-transformer"), clsTransformerSpec); // registered
  const defaults = clsTransformerConfig.parse({});
  assert.deepEqual(
    [defaults.dModel, defaults.heads, defaults.layers, defaults.feedForward, defaults.dropout],
    [128, 8, 3, 256, 0.1],
  );
  assert.equal(defaults.loss, "mse");
  assert.deepEqual(defaults.training, {
    epochs: 100,
    batchSize: 64,
    learningRate: 5e-4,
    weightDecay: 1e-5,
    clipNorm: 1,
    plateau: { patience: 5, factor: 0.5, minLearningRate: 1e-6 },
    earlyStoppingPatience: 10,
    checkpointSelection: "val-loss",
  });
  const invalid = (input: unknown, pattern: RegExp) =>
    assert.throws(() => parseModelConfig("cls-transformer", clsTransformerConfig, input), pattern);
  invalid({ dModel: 30, heads: 8 }, /heads \(8\) must divide dModel \(30\)[^]*at heads/);
  invalid({ dropout: -0.1 }, /at dropout/);
  invalid({ training: { clipNorm: 0 } }, /at training\.clipNorm/);
  invalid({ training: { checkpointSelection: "best" } }, /training\.checkpointSelection/);
  invalid({ loss: "quantile" }, /at loss/);
});
