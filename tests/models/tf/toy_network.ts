/**
 * A tiny dense network and a learnable synthetic regression for the trainer tests.
 */
import * as tf from "@tensorflow/tfjs";
import type { TensorSet, TrainableNetwork } from "../../../models/tf/trainer.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

export interface ToyOptions {
  features: number;
  /** Hidden units; 0 = a single linear layer (no encoder variables). */
  hidden: number;
  seed: number;
  /** Start from zero weights (makes the early-stopping scenario exact). */
  zeroInit?: boolean;
}

export function toyNetwork(options: ToyOptions): TrainableNetwork {
  const init = (label: number) =>
    options.zeroInit ? "zeros" : tf.initializers.glorotUniform({ seed: options.seed + label });
  const input = tf.input({ shape: [options.features], name: "toy_input" });
  let x: tf.SymbolicTensor = input;
  if (options.hidden > 0) {
    x = tf.layers.dense({
      units: options.hidden,
      activation: "tanh",
      kernelInitializer: init(1),
      name: "toy_hidden",
    }).apply(x) as tf.SymbolicTensor;
  }
  const outputLayer = tf.layers.dense({
    units: 1,
    useBias: options.hidden > 0,
    kernelInitializer: init(2),
    name: "toy_output",
  });
  const model = tf.model({ inputs: input, outputs: outputLayer.apply(x) as tf.SymbolicTensor });
  const variablesOf = (name: string) =>
    model.getLayer(name).trainableWeights.map((w) => w.read() as tf.Variable);
  return {
    model,
    predict: (inputs, training) => model.apply(inputs[0], { training }) as tf.Tensor,
    point: (output) => output.clone(),
    outputVariables: variablesOf("toy_output"),
    encoderVariables: options.hidden > 0 ? variablesOf("toy_hidden") : [],
  };
}

/** Rows x ~ N(0, 1) per feature; target = sign · (x · weights) + noise · N(0, 1). */
export function linearSet(
  options: { n: number; weights: number[]; sign?: number; noise?: number; seed: number },
): TensorSet {
  const rng = new SeededRandom(options.seed);
  const f = options.weights.length;
  const x = new Float32Array(options.n * f);
  const y = new Float32Array(options.n);
  for (let i = 0; i < options.n; i++) {
    let sum = 0;
    for (let j = 0; j < f; j++) {
      x[i * f + j] = rng.normal();
      sum += x[i * f + j] * options.weights[j];
    }
    y[i] = (options.sign ?? 1) * sum + (options.noise ?? 0) * rng.normal();
  }
  return { inputs: [tf.tensor2d(x, [options.n, f])], target: tf.tensor2d(y, [options.n, 1]) };
}

export function disposeSet(set: TensorSet): void {
  tf.dispose([...set.inputs, set.target]);
}
