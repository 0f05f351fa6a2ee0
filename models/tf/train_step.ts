/**
 * One optimisation step: loss and gradients, the output/encoder gradient-norm diagnostic,
 * global-norm clipping, decoupled weight decay, and the Adam update. Results stay on the
 * device as scalars so a step never forces a read-back (webgpu would stall on it).
 */
import * as tf from "@tensorflow/tfjs";
import type { LossFunction } from "./losses.ts";

export interface StepNetwork {
  predict(inputs: tf.Tensor[], training: boolean): tf.Tensor;
  outputVariables: tf.Variable[];
  encoderVariables: tf.Variable[];
}

export interface StepOptions {
  network: StepNetwork;
  loss: LossFunction;
  optimizer: tf.AdamOptimizer;
  variables: tf.Variable[];
  learningRate: number;
  weightDecay: number;
  clipNorm: number | null;
}

export interface StepResult {
  /** Batch loss times batch size (summed over the epoch, then divided by n). */
  weightedLoss: tf.Scalar;
  /** Gradient norm of the output variables over the encoder's, before clipping. */
  gradRatio: tf.Scalar | null;
}

function globalNorm(grads: tf.Tensor[]): tf.Scalar {
  if (grads.length === 0) return tf.scalar(0);
  return tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g))))) as tf.Scalar;
}

function gradsOf(grads: tf.NamedTensorMap, variables: tf.Variable[]): tf.Tensor[] {
  return variables.map((v) => grads[v.name]).filter((g): g is tf.Tensor => g !== undefined);
}

export function trainStep(
  options: StepOptions,
  inputs: tf.Tensor[],
  target: tf.Tensor,
): StepResult {
  const { network, loss, optimizer, variables, clipNorm } = options;
  const [weightedLoss, gradRatio] = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(
      () => loss(target, network.predict(inputs, true)),
      variables,
    );
    let ratio: tf.Scalar[] = [];
    if (network.outputVariables.length > 0 && network.encoderVariables.length > 0) {
      const outputNorm = globalNorm(gradsOf(grads, network.outputVariables));
      const encoderNorm = globalNorm(gradsOf(grads, network.encoderVariables));
      ratio = [tf.div(outputNorm, tf.maximum(encoderNorm, 1e-30)) as tf.Scalar];
    }
    let update: tf.NamedTensorMap = grads;
    if (clipNorm !== null) {
      // As torch's clip_grad_norm_: scale by clip / (norm + 1e-6) when that is below 1.
      const norm = globalNorm(Object.values(grads));
      const scale = tf.minimum(tf.div(clipNorm, tf.add(norm, 1e-6)), 1);
      update = Object.fromEntries(
        Object.entries(grads).map(([name, g]) => [name, tf.mul(g, scale)]),
      );
    }
    if (options.weightDecay > 0) {
      const keep = 1 - options.learningRate * options.weightDecay;
      for (const v of variables) v.assign(tf.mul(v, keep));
    }
    optimizer.applyGradients(Object.entries(update).map(([name, tensor]) => ({ name, tensor })));
    return [tf.mul(value, target.shape[0]) as tf.Scalar, ...ratio];
  });
  return { weightedLoss, gradRatio: gradRatio ?? null };
}
