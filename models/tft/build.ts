/**
 * Builds the TFT as a tfjs `LayersModel` (inputs static, past, known; one
 * {@link TemporalFusionTransformer} layer) and wraps it as the neural shell's network.
 */
import * as tf from "@tensorflow/tfjs";
import type { Network } from "../tf/shell/kind.ts";
import { symbolicInputs } from "../tf/shell/inputs.ts";
import { trainable } from "../tf/shell/model.ts";
import type { TrainableNetwork } from "../tf/trainer.ts";
import type { TargetScale } from "../tf/window_data.ts";
import { hasLossTerms, tftAuxiliaryLoss, type TftLossTerms } from "./auxiliary_loss.ts";
import type { TftForward } from "./network_types.ts";
import {
  TemporalFusionTransformer,
  type TftFoldInputs,
  type TftHyperparameters,
  type TftShape,
} from "./network.ts";

export const TFT_LAYER_NAME = "tft";

/** The input groups the TFT reads, in the order its layer takes them. */
export const TFT_READS = ["static", "past", "known"] as const;

export interface BuiltTft {
  model: tf.LayersModel;
  layer: TemporalFusionTransformer;
}

/** `hyper` may carry what a fold fixes for the interventions ({@link TftFoldInputs}). */
export function buildTft(
  shape: TftShape,
  hyper: TftHyperparameters & TftFoldInputs,
  seed: number,
): BuiltTft {
  const layer = new TemporalFusionTransformer({ name: TFT_LAYER_NAME, seed, ...shape, ...hyper });
  const inputs = symbolicInputs(TFT_READS, shape);
  const output = layer.apply(inputs) as tf.SymbolicTensor;
  return {
    model: tf.model({ inputs, outputs: output, name: "temporal_fusion_transformer" }),
    layer,
  };
}

/** The TFT layer of a built or reloaded model. */
export function tftLayerOf(model: tf.LayersModel): TemporalFusionTransformer {
  const layer = model.getLayer(TFT_LAYER_NAME);
  if (!(layer instanceof TemporalFusionTransformer)) {
    throw new Error(
      `model "${model.name}" has no TemporalFusionTransformer layer "${TFT_LAYER_NAME}"`,
    );
  }
  return layer;
}

const NO_TERMS: TftLossTerms = { balanceWeight: 0, auxiliary: null };

/**
 * The TFT as the shell drives it: its layer's forward pass, output and encoder weights,
 * and, when `terms` are on, the extra loss terms of the last training forward pass.
 */
export function tftNetwork(built: BuiltTft, terms: TftLossTerms = NO_TERMS): Network {
  const variables = (weights: tf.LayerVariable[]) => weights.map((w) => w.read() as tf.Variable);
  const network: Network = {
    model: built.model,
    forward: (inputs, training) => built.layer.forward(inputs, training).output,
    outputVariables: variables(built.layer.outputWeights),
    encoderVariables: variables(built.layer.encoderWeights),
  };
  if (!hasLossTerms(terms)) return network;
  let last: TftForward | null = null;
  return {
    ...network,
    forward: (inputs, training) => {
      const forward = built.layer.forward(inputs, training);
      last = training ? forward : null;
      return forward.output;
    },
    auxiliaryLoss: (target, scale, labels) => {
      const forward = last;
      last = null;
      return forward ? tftAuxiliaryLoss(forward, target, scale, terms, labels) : null;
    },
  };
}

/** The TFT as the shared trainer drives it (the benchmark trains it directly). */
export function trainableTft(
  built: BuiltTft,
  pointIndex: number,
  targetScale: TargetScale,
): TrainableNetwork {
  return trainable(tftNetwork(built), pointIndex, targetScale);
}
