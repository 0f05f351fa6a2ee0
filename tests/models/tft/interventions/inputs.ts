/** Seeded random TFT inputs and a small network for the intervention tests. */
import * as tf from "@tensorflow/tfjs";
import { SeededRandom } from "../../../../models/tf/rng.ts";
import type { TftHyperparameters, TftShape } from "../../../../models/tft/network.ts";

export const SMALL_SHAPE: TftShape = {
  staticSize: 1,
  pastSize: 3,
  knownSize: 2,
  encoderLength: 6,
  horizon: 2,
};

export const SMALL_HYPER: TftHyperparameters = {
  hiddenSize: 8,
  heads: 2,
  hiddenContinuousSize: 4,
  dropout: 0,
  lstmLayers: 1,
  outputSize: 3,
  attentionMask: "exclude-self",
};

/** Standard-normal tensors of the given dims. */
export function normal(dims: number[], rng: SeededRandom): tf.Tensor {
  const size = dims.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: size }, () => rng.normal()), dims);
}

export function randomInputs(shape: TftShape, batch: number, seed: number): tf.Tensor[] {
  const rng = new SeededRandom(seed);
  const { staticSize: s, pastSize: p, knownSize: f, encoderLength: l, horizon: h } = shape;
  return [normal([batch, s], rng), normal([batch, l, p], rng), normal([batch, l + h, f], rng)];
}

/** Global L2 norm of the gradient of `f` with respect to `variable`. */
export function gradNorm(f: () => tf.Scalar, variable: tf.Variable): number {
  return tf.tidy(() => {
    const { grads } = tf.variableGrads(f, [variable]);
    const g = grads[variable.name];
    return g ? Math.sqrt(tf.sum(tf.square(g)).dataSync()[0]) : 0;
  });
}
