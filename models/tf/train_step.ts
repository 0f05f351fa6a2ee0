/**
 * One optimisation step: loss and gradients, the output/encoder gradient-norm diagnostic,
 * global-norm clipping, decoupled weight decay, and the Adam update. Results stay on the
 * device as scalars so a step never forces a read-back (webgpu would stall on it).
 *
 * Clipping and Adam work on all gradients concatenated into one vector ({@link FlatAdam}),
 * so their cost does not grow with the number of weight tensors. A variable the loss does
 * not reach gets a zero gradient.
 */
import * as tf from "@tensorflow/tfjs";
import type { FlatAdam } from "./flat_adam.ts";
import type { LossFunction } from "./losses.ts";

export interface StepNetwork {
  predict(inputs: tf.Tensor[], training: boolean): tf.Tensor;
  outputVariables: tf.Variable[];
  encoderVariables: tf.Variable[];
}

export interface StepOptions {
  network: StepNetwork;
  loss: LossFunction;
  optimizer: FlatAdam;
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

/** √Σ‖g‖². Not `tf.addN`: tfjs 4.22's webgpu AddN sums only its first four inputs. */
export function globalNorm(grads: tf.Tensor[]): tf.Scalar {
  if (grads.length === 0) return tf.scalar(0);
  return tf.sqrt(tf.sum(tf.stack(grads.map((g) => tf.sum(tf.square(g)))))) as tf.Scalar;
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
    let update = optimizer.flatten(variables.map((v) => grads[v.name] ?? tf.zerosLike(v)));
    if (clipNorm !== null) {
      // As torch's clip_grad_norm_: scale by clip / (norm + 1e-6) when that is below 1.
      const norm = tf.sqrt(tf.sum(tf.square(update)));
      update = tf.mul(update, tf.minimum(tf.div(clipNorm, tf.add(norm, 1e-6)), 1));
    }
    // Decoupled weight decay: w ← w·(1 − lr·wd) before the Adam step.
    optimizer.apply(update, options.learningRate * options.weightDecay);
    return [tf.mul(value, target.shape[0]) as tf.Scalar, ...ratio];
  });
  return { weightedLoss, gradRatio: gradRatio ?? null };
}
