/**
 * The reference study's stacked LSTM: `layers` LSTM layers over the encoder window of past
 * features (each followed by dropout; all but the last return their sequence), then a dense
 * head from the last hidden state to one standardised return per horizon step.
 */
import * as tf from "@tensorflow/tfjs";
import { SeededDropout } from "../tf/dropout.ts";
import { seedFrom } from "../tf/rng.ts";
import { layersNetwork, type Network, type NeuralShape } from "../tf/shell/kind.ts";
import { symbolicInputs } from "../tf/shell/inputs.ts";
import type { LstmConfig } from "./config.ts";
import { ProjectedLstm } from "./projected_lstm.ts";

/** The output (head) and encoder (LSTM) layers, for the gradient-norm diagnostic. */
export function lstmLayers(config: LstmConfig): { output: string[]; encoder: string[] } {
  return {
    output: ["head"],
    encoder: Array.from({ length: config.layers }, (_, l) => `lstm_${l + 1}`),
  };
}

export function buildLstmNetwork(config: LstmConfig, shape: NeuralShape, seed: number): Network {
  const [input] = symbolicInputs(["past"], shape);
  let x: tf.SymbolicTensor = input;
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
  }
  const output = tf.layers.dense({
    units: shape.horizon,
    kernelInitializer: tf.initializers.glorotUniform({ seed: seedFrom(seed, "head") }),
    name: "head",
  }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output, name: "lstm" });
  return layersNetwork(model, lstmLayers(config));
}
