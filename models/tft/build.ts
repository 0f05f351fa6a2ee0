/**
 * Builds the TFT as a tfjs `LayersModel` (inputs static, past, known; one
 * {@link TemporalFusionTransformer} layer) and adapts it to the shared trainer.
 */
import * as tf from "@tensorflow/tfjs";
import type { TrainableNetwork } from "../tf/trainer.ts";
import type { TargetScale } from "../tf/window_data.ts";
import { TemporalFusionTransformer, type TftHyperparameters, type TftShape } from "./network.ts";

export const TFT_LAYER_NAME = "tft";

export interface BuiltTft {
  model: tf.LayersModel;
  layer: TemporalFusionTransformer;
}

export function buildTft(shape: TftShape, hyper: TftHyperparameters, seed: number): BuiltTft {
  const layer = new TemporalFusionTransformer({ name: TFT_LAYER_NAME, seed, ...shape, ...hyper });
  const { staticSize: s, pastSize: p, knownSize: f, encoderLength: l, horizon: h } = shape;
  const inputs = [
    tf.input({ shape: [s], name: "static" }),
    tf.input({ shape: [l, p], name: "past" }),
    tf.input({ shape: [l + h, f], name: "known" }),
  ];
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

/** [b, H, Q] → [b, H]: the quantile at `pointIndex` (0 for a single-output point loss). */
export function pointOf(output: tf.Tensor, pointIndex: number): tf.Tensor {
  return tf.tidy(() => {
    const [b, h] = output.shape;
    return tf.reshape(tf.slice(output, [0, 0, pointIndex], [b, h, 1]), [b, h]);
  });
}

export function trainableTft(
  built: BuiltTft,
  pointIndex: number,
  targetScale: TargetScale,
): TrainableNetwork {
  const variables = (weights: tf.LayerVariable[]) => weights.map((w) => w.read() as tf.Variable);
  return {
    model: built.model,
    predict: (inputs, training) => built.layer.forward(inputs, training).output,
    point: (output) => pointOf(output, pointIndex),
    outputVariables: variables(built.layer.outputWeights),
    encoderVariables: variables(built.layer.encoderWeights),
    targetScale,
  };
}
