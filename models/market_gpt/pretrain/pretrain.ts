/**
 * Pretraining with the next-bar objective: the market-gpt network (horizon 1) reads corpus
 * windows and, at every step, is scored with the pinball loss on the quantiles of the next
 * bar's standardised return and (where recorded) range. Adam, a fixed number of steps,
 * seeded batches and dropout: the same corpus, config and seed give the same weights. The
 * result is saved in the shell's format (target scale 0/1: the corpus is standardised), so a
 * train node reads it as an upstream model.
 */
import * as tf from "@tensorflow/tfjs";
import type { MarketGptConfig } from "../config.ts";
import { buildMarketGpt, sequenceOutputs } from "../network.ts";
import { SeededRandom, seedFrom } from "../../tf/rng.ts";
import { saveFitted } from "../../tf/shell/fitted.ts";
import { klineFeatureName } from "../../../data/features/kline_frame.ts";
import type { Corpus } from "./corpus.ts";
import { type Batch, drawBatch } from "./batches.ts";

export interface PretrainOptions {
  config: MarketGptConfig;
  encoderLength: number;
  steps: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Called every `every` steps with the mean loss since the last call. */
  onProgress?: (step: number, loss: number) => void;
  every?: number;
  /** Sees each batch as drawn (tests check what enters pretraining). */
  onBatch?: (batch: Batch) => void;
}

export interface Pretrained {
  weights: Uint8Array;
  /** Mean training loss (return + range pinball) per `every` steps. */
  history: { step: number; loss: number }[];
}

function pinball(levels: tf.Tensor1D, target: tf.Tensor, predicted: tf.Tensor): tf.Tensor {
  const errors = tf.sub(tf.expandDims(target, 2), predicted);
  return tf.maximum(tf.mul(levels, errors), tf.mul(tf.sub(levels, 1), errors));
}

export async function pretrain(corpus: Corpus, options: PretrainOptions): Promise<Pretrained> {
  const { config, encoderLength: L, batchSize: B } = options;
  const P = corpus.parts.length;
  const shape = { staticSize: 0, pastSize: P, knownSize: 0, encoderLength: L, horizon: 1 };
  const network = buildMarketGpt(config, shape, seedFrom(options.seed, "market-gpt", "init"));
  const random = new SeededRandom(seedFrom(options.seed, "market-gpt", "pretrain-batches"));
  const optimizer = tf.train.adam(options.learningRate);
  const variables = network.model.trainableWeights.map((w) => w.read() as tf.Variable);
  const levels = tf.tensor1d(config.quantiles);
  const every = options.every ?? 50;
  const history: Pretrained["history"] = [];
  try {
    let sum = 0;
    for (let step = 1; step <= options.steps; step++) {
      const batch = drawBatch(corpus, { encoderLength: L, size: B, random });
      options.onBatch?.(batch);
      const loss = tf.tidy(() => {
        const x = tf.tensor3d(batch.inputs, [B, L, P]);
        const returns = tf.tensor2d(batch.returns, [B, L]);
        const range = tf.tensor2d(batch.range, [B, L]);
        const mask = tf.tensor3d(batch.rangeMask, [B, L, 1]);
        return optimizer.minimize(
          () => {
            const out = sequenceOutputs(network, x, true);
            const returnLoss = tf.mean(pinball(levels, returns, out.returns));
            const masked = tf.mul(pinball(levels, range, out.range), mask);
            const rangeLoss = tf.div(
              tf.sum(masked),
              tf.maximum(tf.mul(tf.sum(mask), levels.size), 1),
            );
            return tf.mul(tf.add(returnLoss, rangeLoss), 2) as tf.Scalar;
          },
          true,
          variables,
        )!;
      });
      sum += (await loss.data())[0];
      loss.dispose();
      if (step % every === 0 || step === options.steps) {
        const n = step % every === 0 ? every : step % every;
        history.push({ step, loss: sum / n });
        options.onProgress?.(step, sum / n);
        sum = 0;
      }
    }
    const layout = { pastNames: corpus.parts.map(klineFeatureName) };
    const weights = await saveFitted("market-gpt", { network, scale: { mean: 0, std: 1 }, layout });
    return { weights, history };
  } finally {
    levels.dispose();
    optimizer.dispose();
    network.model.dispose();
  }
}
