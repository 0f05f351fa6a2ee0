/**
 * `training.keepCheckpoints`: one fit keeps the best weights under every rule. The fit's own
 * selection is bit-identical to a fit without kept rules, each kept rule's weights and epoch
 * are those of a fit with that `checkpointSelection` (early stopping included), and each
 * rule's epoch is the argmin/argmax of its column in the per-epoch history.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import type { EpochRecord } from "../../../models/contract.ts";
import { initBackend } from "../../../models/tf/backend.ts";
import { makeLoss } from "../../../models/tf/losses.ts";
import {
  type CheckpointSelection,
  type TrainerConfig,
  trainNetwork,
} from "../../../models/tf/trainer.ts";
import { CHECKPOINT_SELECTIONS } from "../../../models/tf/trainer_config.ts";
import { disposeSet, linearSet, toyNetwork } from "./toy_network.ts";

await initBackend("wasm");

const base: TrainerConfig = {
  epochs: 14,
  batchSize: 16,
  learningRate: 0.08,
  weightDecay: 0,
  clipNorm: null,
  plateau: { patience: 100, factor: 0.5, minLearningRate: 0 },
  earlyStoppingPatience: 100,
  checkpointSelection: "val-loss",
};

/** Noisy training rows, validation rows from other weights: the rules disagree. */
async function fit(config: TrainerConfig) {
  const train = linearSet({ n: 96, weights: [0.8, -0.5, 0.3], noise: 1.5, seed: 11 });
  const validation = linearSet({ n: 48, weights: [0.3, -0.1, 0.6], noise: 1, seed: 12 });
  const network = toyNetwork({ features: 3, hidden: 6, seed: 13 });
  try {
    const outcome = await trainNetwork(network, { train, validation }, {
      config,
      loss: makeLoss({ name: "mse" }),
      seed: 14,
    });
    const weights = network.model.getWeights().map((w) => [...w.dataSync()]);
    const kept = outcome.kept.map((k) => ({
      rule: k.rule,
      epoch: k.epoch,
      weights: k.weights.map((w) => [...w.dataSync()]),
    }));
    outcome.kept.forEach((k) => tf.dispose(k.weights));
    return { history: outcome.history, selectedEpoch: outcome.selectedEpoch, weights, kept };
  } finally {
    [train, validation].forEach(disposeSet);
    network.model.dispose();
  }
}

/** 1-based epoch of the first best value (strict improvements only, as the keeper). */
function bestEpoch(history: EpochRecord[], score: (r: EpochRecord) => number): number {
  let best = 0;
  history.forEach((r, i) => {
    if (score(r) > score(history[best])) best = i;
  });
  return history[best].epoch;
}

const COLUMN: Record<CheckpointSelection, (r: EpochRecord) => number> = {
  "val-loss": (r) => -r.validationLoss!,
  diversity: (r) => r.predictionStdRatio!,
  "val-da": (r) => r.validationDirectionalAccuracy!,
  composite: (r) => r.compositeScore!,
};

Deno.test("keepCheckpoints: each rule's epoch is its history column's argmin/argmax", async () => {
  const before = tf.memory().numTensors;
  const all = await fit({ ...base, keepCheckpoints: [...CHECKPOINT_SELECTIONS] });
  assert.equal(tf.memory().numTensors, before, "no tensor leaks once the kept ones are disposed");
  assert.equal(all.history.length, base.epochs);
  assert.equal(all.selectedEpoch, bestEpoch(all.history, COLUMN["val-loss"]));
  assert.deepEqual(all.kept.map((k) => k.rule), ["diversity", "val-da", "composite"]);
  for (const kept of all.kept) {
    assert.equal(kept.epoch, bestEpoch(all.history, COLUMN[kept.rule]), kept.rule);
  }
  const epochs = new Set([all.selectedEpoch, ...all.kept.map((k) => k.epoch)]);
  assert.ok(epochs.size >= 2, `the fixture must make the rules disagree: ${[...epochs]}`);
});

Deno.test("keepCheckpoints: own weights unchanged; kept ones equal a fit per rule", async () => {
  const config = { ...base, earlyStoppingPatience: 3 };
  const joint = await fit({ ...config, keepCheckpoints: [...CHECKPOINT_SELECTIONS] });
  const alone = await fit(config);
  assert.deepEqual(joint.weights, alone.weights, "the fit's own selection is bit-identical");
  assert.equal(joint.selectedEpoch, alone.selectedEpoch);
  assert.ok(joint.history.length >= alone.history.length);
  assert.deepEqual(joint.history.slice(0, alone.history.length), alone.history);
  const stops = new Set([alone.history.length]);
  for (const kept of joint.kept) {
    const single = await fit({ ...config, checkpointSelection: kept.rule });
    assert.equal(kept.epoch, single.selectedEpoch, kept.rule);
    assert.deepEqual(kept.weights, single.weights, `${kept.rule}: bit-identical weights`);
    stops.add(single.history.length);
  }
  assert.ok(
    stops.size >= 2,
    `the fixture must make the rules stop at different epochs: ${[...stops]}`,
  );
  assert.equal(joint.history.length, Math.max(...stops), "training ran until every rule stopped");
});

Deno.test("trainer config refuses an unknown kept rule, naming the field", async () => {
  await assert.rejects(
    () => fit({ ...base, keepCheckpoints: ["sharpe" as CheckpointSelection] }),
    /trainer config: keepCheckpoints must be a list of val-loss, diversity, val-da, composite/,
  );
});
