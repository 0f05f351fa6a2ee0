/**
 * The reference study's stacked LSTM: `layers` LSTM layers over the encoder window of past
 * features (each followed by dropout; all but the last return their sequence), then a dense
 * head from the last hidden state to one standardised return per horizon step.
 */
import * as tf from "@tensorflow/tfjs";
import { SeededDropout } from "../tf/dropout.ts";
import { seedFrom } from "../tf/rng.ts";
import type { BuiltNetwork, WindowShape } from "../tf/window_model.ts";
import type { LstmConfig } from "./config.ts";
import { ProjectedLstm } from "./projected_lstm.ts";

export function buildLstmNetwork(
  config: LstmConfig,
  shape: WindowShape,
  seed: number,
): BuiltNetwork {
  const input = tf.input({ shape: [shape.steps, shape.features], name: "past" });
  let x: tf.SymbolicTensor = input;
  const encoderLayers: string[] = [];
  for (let l = 1; l <= config.layers; l++) {
    const name = `lstm_${l}`;
    const returnSequences = l < config.layers;
    x = new ProjectedLstm({
      units: config.units,
      returnSequences,
      seed: seedFrom(seed, name),
      name,
    })
      .apply(x) as tf.SymbolicTensor;
    x = new SeededDropout({
      rate: config.dropout,
      seed: seedFrom(seed, `${name}_dropout`),
      name: `${name}_dropout`,
    }).apply(x) as tf.SymbolicTensor;
    encoderLayers.push(name);
  }
  const output = tf.layers.dense({
    units: shape.horizon,
    kernelInitializer: tf.initializers.glorotUniform({ seed: seedFrom(seed, "head") }),
    name: "head",
  }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output, name: "lstm" });
  return { model, outputLayers: ["head"], encoderLayers };
}
