/**
 * One optimisation step: loss and gradients, the output/encoder gradient-norm diagnostic,
 * global-norm clipping, decoupled weight decay, and the Adam update. Results stay on the
 * device as scalars so a step never forces a read-back (webgpu would stall on it).
 *
 * The diagnostic, clipping and Adam work on all gradients as one flat vector
 * ({@link FlatAdam.step}; on wasm in JavaScript on the heap), so their cost does not grow
 * with the number of weight tensors. A variable the loss does not reach gets a zero gradient.
 */
import * as tf from "@tensorflow/tfjs";
import type { FlatAdam } from "./flat_adam.ts";
import type { GradientGroups } from "./grad_norms.ts";
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
    const ratio = optimizer.step(variables.map((v) => grads[v.name]), {
      // Decoupled weight decay: w ← w·(1 − lr·wd) before the Adam step.
      decay: options.learningRate * options.weightDecay,
      clipNorm,
      groups,
    });
    return [tf.mul(value, target.shape[0]) as tf.Scalar, ...(ratio ? [ratio] : [])];
  });
  return { weightedLoss, gradRatio: ratio ?? null };
}
