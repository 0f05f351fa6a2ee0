/**
 * One optimisation step: loss and gradients, the output/encoder gradient-norm diagnostic,
 * global-norm clipping, decoupled weight decay, and the Adam update. Results stay on the
 * device as scalars so a step never forces a read-back (webgpu would stall on it).
 *
 * The diagnostic, clipping and Adam work on all gradients concatenated into one vector
 * ({@link FlatAdam}), so their cost does not grow with the number of weight tensors. A
 * variable the loss does not reach gets a zero gradient.
 */
import * as tf from "@tensorflow/tfjs";
import type { FlatAdam } from "./flat_adam.ts";
import { type GradientGroups, gradRatio } from "./grad_norms.ts";
import type { LossFunction } from "./losses.ts";

export interface StepNetwork {
  predict(inputs: tf.Tensor[], training: boolean): tf.Tensor;
  /**
   * Extra loss terms of the training forward pass just run (given the batch target and
   * the batch's training-only labels, when the set has them).
   */
  auxiliaryLoss?(target: tf.Tensor, labels?: tf.Tensor): tf.Scalar | null;
}

export interface StepOptions {
  network: StepNetwork;
  loss: LossFunction;
  optimizer: FlatAdam;
  variables: tf.Variable[];
  /** Where the output and encoder gradients lie in the flat vector (null: no diagnostic). */
  groups: GradientGroups;
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

export function trainStep(
  options: StepOptions,
  inputs: tf.Tensor[],
  target: tf.Tensor,
  labels?: tf.Tensor,
): StepResult {
  const { network, loss, optimizer, variables, groups, clipNorm } = options;
  const [weightedLoss, ratio] = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(
      () => {
        const main = loss(target, network.predict(inputs, true));
        const extra = network.auxiliaryLoss?.(target, labels) ?? null;
        return extra ? tf.add(main, extra) as tf.Scalar : main;
      },
      variables,
    );
    let update = optimizer.flatten(variables.map((v) => grads[v.name] ?? tf.zerosLike(v)));
    const diagnostic = groups ? [gradRatio(update, groups)] : [];
    if (clipNorm !== null) {
      // As torch's clip_grad_norm_: scale by clip / (norm + 1e-6) when that is below 1.
      const norm = tf.sqrt(tf.sum(tf.square(update)));
      update = tf.mul(update, tf.minimum(tf.div(clipNorm, tf.add(norm, 1e-6)), 1));
    }
    // Decoupled weight decay: w ← w·(1 − lr·wd) before the Adam step.
    optimizer.apply(update, options.learningRate * options.weightDecay);
    return [tf.mul(value, target.shape[0]) as tf.Scalar, ...diagnostic];
  });
  return { weightedLoss, gradRatio: ratio ?? null };
}
