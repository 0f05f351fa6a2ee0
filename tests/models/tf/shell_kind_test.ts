/**
 * A covariate-aware kind written the way a new kind would be (covariate_kind.ts). The shell
 * gives it
 * checked inputs, training, prediction and save/load; the tests check it uses the
 * known-future input it declared.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import type { Fold } from "../../../models/contract.ts";
import { initBackend } from "../../../models/tf/backend.ts";
import { NeuralModel } from "../../../models/tf/shell/model.ts";
import { buildWindows } from "../../../models/windows.ts";
import { pearson } from "../../../evaluation/stats/correlation.ts";
import { tftFold } from "../tft/tft_fold.ts";
import { covariateKind } from "./covariate_kind.ts";

await initBackend("wasm");

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
