/**
 * A covariate-aware kind written the way a new kind would be: a NeuralKind declaring that it
 * reads the static, past and known-future groups, and a small network. The shell gives it
 * checked inputs, training, prediction and save/load; the tests check it uses the
 * known-future input it declared.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import type { Fold } from "../../../models/contract.ts";
import { initBackend } from "../../../models/tf/backend.ts";
import { seedFrom } from "../../../models/tf/rng.ts";
import { symbolicInputs } from "../../../models/tf/shell/inputs.ts";
import { layersNetwork, type NeuralKind } from "../../../models/tf/shell/kind.ts";
import { NeuralModel } from "../../../models/tf/shell/model.ts";
import { TFT_TRAINING_DEFAULTS } from "../../../models/tft/config.ts";
import { buildWindows } from "../../../models/windows.ts";
import { pearson } from "../../../evaluation/stats/correlation.ts";
import { tftFold } from "../tft/tft_fold.ts";

await initBackend("wasm");

const LAYERS = { output: ["head"], encoder: ["hidden"] };

/** Every input group flattened and joined, one hidden layer, one output per horizon step. */
function covariateKind(seed: number): NeuralKind {
  return {
    kind: "covariate-dense",
    seed: seedFrom(seed, "covariate-dense"),
    backend: "wasm",
    reads: ["static", "past", "known"],
    trainer: { ...TFT_TRAINING_DEFAULTS, epochs: 40, batchSize: 32, learningRate: 0.01 },
    loss: { name: "mse" },
    scaleTargets: true,
    quantiles: null,
    build: (shape, seed) => {
      const inputs = symbolicInputs(["static", "past", "known"], shape);
      const flat = inputs.map((x, i) =>
        x.shape.length === 2 ? x : tf.layers.flatten({ name: `flat_${i}` }).apply(x)
      ) as tf.SymbolicTensor[];
      const joined = tf.layers.concatenate({ name: "joined" }).apply(flat);
      const dense = (name: string, units: number, activation?: "tanh") =>
        tf.layers.dense({
          units,
          activation,
          name,
          kernelInitializer: tf.initializers.glorotUniform({ seed: seedFrom(seed, name) }),
        });
      const hidden = dense("hidden", 8, "tanh").apply(joined);
      const output = dense("head", shape.horizon).apply(hidden) as tf.SymbolicTensor;
      return layersNetwork(tf.model({ inputs, outputs: output, name: "covariate" }), LAYERS);
    },
    restore: (model) => layersNetwork(model, LAYERS),
  };
}

const fold = tftFold({ rows: 240 });

Deno.test("a covariate-aware kind on the shell learns from its known-future input", async () => {
  const model = new NeuralModel(covariateKind(3));
  const report = await model.fit(fold);
  assert.equal(report.summary.trainOrigins, fold.splits.train.length);
  const forecast = await model.predict(fold, "test");
  assert.deepEqual([...forecast.origins], [...fold.splits.test]);
  const r = pearson(forecast.point, buildWindows(fold, "test").target)!.r;
  assert.ok(r > 0.85, `test correlation ${r}`);
  // It reads the known-future group: zeroing k0 changes the forecasts, and worsens them.
  const values = Float32Array.from(fold.known.values);
  for (let t = 0; t < fold.known.rows; t++) values[t * fold.known.cols] = 0;
  const blind = await model.predict({ ...fold, known: { ...fold.known, values } }, "test");
  const rBlind = pearson(blind.point, buildWindows(fold, "test").target)!.r;
  assert.ok(rBlind < r - 0.05, `without k0: correlation ${rBlind}, with: ${r}`);
  const restored = new NeuralModel(
    covariateKind(3),
    await NeuralModel.loaded(covariateKind(3), await model.save()),
  );
  assert.deepEqual((await restored.predict(fold, "test")).point, forecast.point);
  const renamed: Fold = { ...fold, knownNames: ["k0", "holiday"] };
  await assert.rejects(
    restored.predict(renamed, "test"),
    /variables {.*"season"]} but fold tft-synthetic .*"holiday"]}/,
  );
  model.dispose();
  restored.dispose();
});

Deno.test("the shell checks every group a kind reads and names the bad value", async () => {
  const values = Float32Array.from(fold.known.values);
  const row = fold.splits.train[3] + 1;
  values[row * fold.known.cols] = NaN;
  const broken: Fold = { ...fold, known: { ...fold.known, values } };
  const before = tf.memory().numTensors;
  await assert.rejects(
    new NeuralModel(covariateKind(3)).fit(broken),
    new RegExp(
      `covariate-dense: fold tft-synthetic train: known-future feature "k0" is NaN at row ${row}`,
    ),
  );
  assert.equal(tf.memory().numTensors, before);
});
