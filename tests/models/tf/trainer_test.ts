import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import type { EpochRecord } from "../../../models/contract.ts";
import { initBackend } from "../../../models/tf/backend.ts";
import { makeLoss } from "../../../models/tf/losses.ts";
import {
  type TrainableNetwork,
  type TrainerConfig,
  trainNetwork,
} from "../../../models/tf/trainer.ts";
import { disposeSet, linearSet, toyNetwork } from "./toy_network.ts";

await initBackend("wasm");

const base: TrainerConfig = {
  epochs: 12,
  batchSize: 16,
  learningRate: 0.05,
  weightDecay: 0,
  clipNorm: null,
  plateau: { patience: 100, factor: 0.5, minLearningRate: 0 },
  earlyStoppingPatience: 100,
  checkpointSelection: "val-loss",
};
const mse = makeLoss({ name: "mse" });
const weightsOf = (network: TrainableNetwork) =>
  network.model.getWeights().map((w) => [...w.dataSync()]);

Deno.test("trainer: loss falls on a learnable signal; records are filled and sane", async () => {
  const train = linearSet({ n: 200, weights: [0.8, -0.5, 0.3], noise: 0.1, seed: 1 });
  const validation = linearSet({ n: 60, weights: [0.8, -0.5, 0.3], noise: 0.1, seed: 2 });
  const network = toyNetwork({ features: 3, hidden: 8, seed: 3 });
  const config = { ...base, weightDecay: 1e-4, clipNorm: 1 };
  const seen: number[] = [];
  const outcome = await trainNetwork(network, { train, validation }, {
    config,
    loss: mse,
    seed: 4,
    onEpoch: (record, total, seconds) => {
      assert.equal(total, config.epochs);
      assert.ok(seconds >= 0 && Number.isFinite(seconds), `epoch seconds ${seconds}`);
      seen.push(record.epoch);
    },
  });
  const { history } = outcome;
  assert.deepEqual(seen, history.map((r) => r.epoch));
  assert.deepEqual(seen, Array.from({ length: 12 }, (_, i) => i + 1));
  const first = history[0].validationLoss!;
  const last = history.at(-1)!.validationLoss!;
  assert.ok(last < first / 3, `validation loss ${first} → ${last}`);
  assert.ok(history.at(-1)!.trainLoss < history[0].trainLoss / 3);
  for (const r of history) {
    assert.ok(Number.isFinite(r.trainLoss) && r.trainLoss > 0);
    assert.ok(r.validationDirectionalAccuracy! >= 0 && r.validationDirectionalAccuracy! <= 1);
    assert.ok(r.shareLong! >= 0 && r.shareLong! <= 1);
    assert.ok(r.predictionStdRatio! > 0 && r.predictionStdRatio! < 2);
    assert.ok(r.outputToEncoderGradRatio! > 0 && Number.isFinite(r.outputToEncoderGradRatio!));
    assert.equal(r.learningRate, 0.05);
    assert.ok(!("seconds" in r), "no wall-clock time in the stored record");
  }
  assert.ok(history.at(-1)!.validationDirectionalAccuracy! > 0.85);
  assert.ok(outcome.selectedEpoch !== null);
  [train, validation].forEach(disposeSet);
  network.model.dispose();
});

// Train on y = x, validate on y = −x from zero weights: the validation loss (1 + w)² rises
// every epoch after the first, so epoch 1 is best and every later epoch is "flat".
function oppositeTask() {
  const train = linearSet({ n: 64, weights: [1], seed: 5 });
  const validation = linearSet({ n: 32, weights: [1], sign: -1, seed: 6 });
  const network = toyNetwork({ features: 1, hidden: 0, seed: 0, zeroInit: true });
  const done = () => {
    [train, validation].forEach(disposeSet);
    network.model.dispose();
  };
  return { network, data: { train, validation }, done };
}

Deno.test("trainer: early stopping fires after `patience` epochs without improvement", async () => {
  const task = oppositeTask();
  const config = { ...base, learningRate: 0.01, epochs: 30, earlyStoppingPatience: 4 };
  const outcome = await trainNetwork(task.network, task.data, { config, loss: mse, seed: 1 });
  assert.equal(outcome.selectedEpoch, 1);
  assert.equal(outcome.history.length, 1 + 4);
  task.done();
});

Deno.test("trainer: plateau cuts the learning rate after flat epochs, down to the floor", async () => {
  const task = oppositeTask();
  const config = {
    ...base,
    learningRate: 0.01,
    epochs: 8,
    plateau: { patience: 2, factor: 0.5, minLearningRate: 0.002 },
  };
  const outcome = await trainNetwork(task.network, task.data, { config, loss: mse, seed: 1 });
  assert.deepEqual(
    outcome.history.map((r) => r.learningRate),
    [0.01, 0.01, 0.01, 0.005, 0.005, 0.0025, 0.0025, 0.002],
  );
  task.done();
});

function argBest(history: EpochRecord[], score: (r: EpochRecord) => number): number {
  let best = 0;
  history.forEach((r, i) => {
    if (score(r) > score(history[best])) best = i;
  });
  return history[best].epoch;
}

const criteria: Array<[TrainerConfig["checkpointSelection"], (r: EpochRecord) => number]> = [
  ["val-loss", (r) => -r.validationLoss!],
  ["diversity", (r) => r.predictionStdRatio!],
  ["val-da", (r) => r.validationDirectionalAccuracy!],
  ["composite", (r) => r.compositeScore!],
];

for (const [selection, score] of criteria) {
  Deno.test(`trainer: "${selection}" selection restores the selected epoch's weights`, async () => {
    // A noisy validation set makes the criteria peak at different epochs.
    const train = linearSet({ n: 120, weights: [0.6, -0.4], noise: 0.5, seed: 7 });
    const validation = linearSet({ n: 40, weights: [0.2, 0.3], noise: 0.5, seed: 8 });
    const network = toyNetwork({ features: 2, hidden: 4, seed: 9 });
    const snapshots: number[][][] = [];
    const config = { ...base, epochs: 8, learningRate: 0.03, checkpointSelection: selection };
    const outcome = await trainNetwork(network, { train, validation }, {
      config,
      loss: mse,
      seed: 2,
      onEpoch: () => snapshots.push(weightsOf(network)),
    });
    assert.equal(outcome.history.length, 8);
    const expected = argBest(outcome.history, score);
    assert.equal(outcome.selectedEpoch, expected);
    assert.deepEqual(weightsOf(network), snapshots[expected - 1]);
    assert.notEqual(expected, 8, "the scenario should select an earlier epoch");
    assert.notDeepEqual(weightsOf(network), snapshots[7]);
    [train, validation].forEach(disposeSet);
    network.model.dispose();
  });
}

Deno.test("trainer: val-loss selection keeps an early epoch when later ones get worse", async () => {
  const task = oppositeTask();
  const snapshots: number[][][] = [];
  const outcome = await trainNetwork(task.network, task.data, {
    config: { ...base, learningRate: 0.01, epochs: 5 },
    loss: mse,
    seed: 1,
    onEpoch: () => snapshots.push(weightsOf(task.network)),
  });
  assert.equal(outcome.selectedEpoch, 1);
  assert.deepEqual(weightsOf(task.network), snapshots[0]);
  assert.notDeepEqual(snapshots[0], snapshots[4]);
  task.done();
});

Deno.test("trainer: no tensor growth across epochs; everything freed at the end", async () => {
  const train = linearSet({ n: 50, weights: [1, 2], seed: 10 });
  const validation = linearSet({ n: 20, weights: [1, 2], seed: 11 });
  const network = toyNetwork({ features: 2, hidden: 4, seed: 12 });
  const before = tf.memory().numTensors;
  const counts: number[] = [];
  await trainNetwork(network, { train, validation }, {
    config: { ...base, epochs: 5, clipNorm: 0.5, weightDecay: 0.01 },
    loss: mse,
    seed: 3,
    onEpoch: () => counts.push(tf.memory().numTensors),
  });
  assert.equal(new Set(counts).size, 1, `tensor counts per epoch: ${counts}`);
  assert.equal(tf.memory().numTensors, before);
  [train, validation].forEach(disposeSet);
  network.model.dispose();
});

Deno.test("trainer: the same seed gives the same run, another seed another", async () => {
  const run = async (seed: number) => {
    const train = linearSet({ n: 40, weights: [1, -1], noise: 0.3, seed: 13 });
    const network = toyNetwork({ features: 2, hidden: 3, seed: 14 });
    const outcome = await trainNetwork(network, { train, validation: null }, {
      config: { ...base, epochs: 3, batchSize: 7 },
      loss: mse,
      seed,
    });
    const weights = weightsOf(network);
    disposeSet(train);
    network.model.dispose();
    return { losses: outcome.history.map((r) => r.trainLoss), weights, outcome };
  };
  const a = await run(1);
  const b = await run(1);
  const c = await run(2);
  assert.deepEqual(b.losses, a.losses);
  assert.deepEqual(b.weights, a.weights);
  assert.notDeepEqual(c.weights, a.weights);
  // Without validation the diagnostics are null and the training loss selects.
  const record = a.outcome.history[0];
  assert.equal(record.validationLoss, null);
  assert.equal(record.validationDirectionalAccuracy, null);
  const best = a.losses.indexOf(Math.min(...a.losses)) + 1;
  assert.equal(a.outcome.selectedEpoch, best);
});

Deno.test("trainer: abort stops training and frees its tensors", async () => {
  const task = oppositeTask();
  const before = tf.memory().numTensors;
  const controller = new AbortController();
  await assert.rejects(
    () =>
      trainNetwork(task.network, task.data, {
        config: { ...base, epochs: 10 },
        loss: mse,
        seed: 1,
        signal: controller.signal,
        onEpoch: (r) => r.epoch === 2 && controller.abort(new Error("stop requested")),
      }),
    /stop requested/,
  );
  assert.equal(tf.memory().numTensors, before);
  task.done();
});

Deno.test("trainer: invalid config and mismatched data are named", async () => {
  const task = oppositeTask();
  await assert.rejects(
    () =>
      trainNetwork(task.network, task.data, {
        config: { ...base, batchSize: 0 },
        loss: mse,
        seed: 1,
      }),
    /batchSize must be an integer >= 1/,
  );
  await assert.rejects(
    () =>
      trainNetwork(task.network, task.data, {
        config: { ...base, plateau: { ...base.plateau, factor: 1.5 } },
        loss: mse,
        seed: 1,
      }),
    /plateau.factor/,
  );
  const short = { inputs: task.data.train.inputs, target: tf.zeros([3, 1]) };
  await assert.rejects(
    () =>
      trainNetwork(task.network, { train: short, validation: null }, {
        config: base,
        loss: mse,
        seed: 1,
      }),
    /train input 0 has 64 rows, target has 3/,
  );
  short.target.dispose();
  task.done();
});
