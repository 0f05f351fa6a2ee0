/**
 * Types of the TFT network layer (`network.ts`): its shape, hyperparameters, constructor
 * arguments and everything one forward pass produces, and the check of its sizes.
 */
import type * as tf from "@tensorflow/tfjs";
import type { KitLayerArgs } from "../tf/layers/base.ts";
import type { NeuralShape } from "../tf/shell/kind.ts";
import type { InterventionHyper, TftFoldInputs } from "./intervention_layers.ts";
import type { AttentionMaskVariant } from "./mask.ts";

/** The TFT reads every input group: static [S], past [L, P], known [L + H, F]. */
export type TftShape = NeuralShape;

export type { TftFoldInputs };

export interface TftHyperparameters extends InterventionHyper {
  hiddenSize: number;
  heads: number;
  hiddenContinuousSize: number;
  dropout: number;
  lstmLayers: number;
  /** Outputs per horizon step: the number of quantiles, or 1 for a point loss. */
  outputSize: number;
  attentionMask: AttentionMaskVariant;
}

export type TftNetworkArgs = KitLayerArgs & TftShape & TftHyperparameters & TftFoldInputs;

/**
 * Everything one forward pass produces; the weights feed the interpretation. They are
 * formed in inference only: in training the fused selection and attention ops return their
 * outputs alone, so a weight is null there (except a selection over fewer than two
 * variables, whose weights are constants).
 */
export interface TftForward {
  /** [B, H, outputs] */
  output: tf.Tensor;
  /** [B, S] */
  staticWeights: tf.Tensor | null;
  /** [B, L, P + F] */
  encoderWeights: tf.Tensor | null;
  /** [B, H, F] */
  decoderWeights: tf.Tensor | null;
  /** [B, heads, H, L + H] */
  attention: tf.Tensor | null;
  /** [B, H, experts]: the routing of a mixture output layer. */
  routing?: tf.Tensor;
  /** [B, classes]: the auxiliary head's logits. */
  auxiliaryLogits?: tf.Tensor;
}

export function checkSizes(name: string, shape: TftShape, hyper: TftHyperparameters): void {
  const positive = { ...shape, ...hyper } as Record<string, unknown>;
  for (const key of ["encoderLength", "horizon", "hiddenSize", "heads", "hiddenContinuousSize"]) {
    const value = positive[key] as number;
    if (!(Number.isInteger(value) && value >= 1)) {
      throw new Error(`${name}: ${key} must be an integer >= 1, got ${value}`);
    }
  }
  if (shape.knownSize < 1 && shape.pastSize < 1) {
    throw new Error(`${name}: the encoder needs at least one past or known variable`);
  }
}
