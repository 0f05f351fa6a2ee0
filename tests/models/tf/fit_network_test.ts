/**
 * The shared fit step of the tfjs models: windows of a fold, a fit report with the summary
 * numbers, and no tensor left behind whether training succeeds or fails.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import type { SplitName } from "../../../models/contract.ts";
import { initBackend } from "../../../models/tf/backend.ts";
import { fitNetwork, fitWindows } from "../../../models/tf/fit_network.ts";
import { makeLoss } from "../../../models/tf/losses.ts";
import type { TrainerConfig } from "../../../models/tf/trainer.ts";
import { checkedWindows } from "../../../models/tf/window_data.ts";
import { signalFold } from "./signal_fold.ts";
import { toyNetwork } from "./toy_network.ts";

await initBackend("wasm");

const config: TrainerConfig = {
  epochs: 2,
  batchSize: 32,
  learningRate: 0.01,
  weightDecay: 0,
  clipNorm: null,
  plateau: { patience: 100, factor: 0.5, minLearningRate: 0 },
  earlyStoppingPatience: 100,
  checkpointSelection: "val-loss",
};

function setup(fold = signalFold({ rows: 120, encoderLength: 1 })) {
  const windows = fitWindows("toy", fold, (split) => checkedWindows("toy", fold, split, true));
  // One encoder step of three features: a [n, 3] input for the dense toy network.
  const inputsOf = (w: typeof windows.train) => [tf.tensor2d(w.past, [w.n, 3])];
  return { fold, windows, inputsOf };
}

Deno.test("fitWindows: train and validation windows; an empty train split is refused", () => {
  const { fold, windows } = setup();
  assert.deepEqual(
    [windows.train.n, windows.validation?.n],
    [fold.splits.train.length, fold.splits.validation.length],
  );
  const noValidation = { ...fold, splits: { ...fold.splits, validation: new Int32Array(0) } };
  const read = (split: SplitName) => checkedWindows("toy", noValidation, split, true);
  assert.equal(fitWindows("toy", noValidation, read).validation, null);
  const empty = { ...fold, splits: { ...fold.splits, train: new Int32Array(0) } };
  assert.throws(
    () => fitWindows("toy", empty, (split) => checkedWindows("toy", empty, split, true)),
    /^Error: toy: fold signal: the train split has no origins$/,
  );
});

Deno.test("fitNetwork: history and summary; its tensors released, the model kept", async () => {
  const { windows, inputsOf } = setup();
  const network = toyNetwork({ features: 3, hidden: 4, seed: 1 });
  const before = tf.memory().numTensors;
  const { report, kept } = await fitNetwork({
    network,
    ...windows,
    scale: { mean: 0.001, std: 0.01 },
    inputsOf,
    training: { config, loss: makeLoss({ name: "mse" }), seed: 2 },
  });
  assert.equal(report.history.length, 2);
  assert.deepEqual(kept, [], "no rule kept besides the selected one");
  assert.ok(!("keptEpochs" in report), "the report is what it was without keepCheckpoints");
  assert.deepEqual(report.summary, {
    parameters: network.model.countParams(),
    trainOrigins: windows.train.n,
    validationOrigins: windows.validation!.n,
    targetMean: 0.001,
    targetStd: 0.01,
  });
  assert.equal(tf.memory().numTensors, before, "only the model's weights remain");
  network.model.dispose();
});

Deno.test("fitNetwork: a failed fit disposes the model and every tensor it made", async () => {
  const { windows, inputsOf } = setup();
  const before = tf.memory().numTensors;
  const network = toyNetwork({ features: 3, hidden: 4, seed: 1 });
  await assert.rejects(
    fitNetwork({
      network,
      ...windows,
      scale: { mean: 0, std: 1 },
      inputsOf,
      training: { config: { ...config, batchSize: 0 }, loss: makeLoss({ name: "mse" }), seed: 2 },
    }),
    /batchSize/,
  );
  assert.equal(tf.memory().numTensors, before);
});
