/**
 * A covariate-aware kind written the way a new kind would be: a NeuralKind declaring that it
 * reads the static, past and known-future groups, and a small network (every group
 * flattened and joined, one hidden layer, one output per horizon step). It takes no
 * upstream model.
 */
import * as tf from "@tensorflow/tfjs";
import { seedFrom } from "../../../models/tf/rng.ts";
import { symbolicInputs } from "../../../models/tf/shell/inputs.ts";
import { layersNetwork, type NeuralKind } from "../../../models/tf/shell/kind.ts";
import { TFT_TRAINING_DEFAULTS } from "../../../models/tft/config.ts";

const LAYERS = { output: ["head"], encoder: ["hidden"] };

export function covariateKind(seed: number): NeuralKind {
  return {
    kind: "covariate-dense",
    seed: seedFrom(seed, "covariate-dense"),
    backend: "wasm",
    reads: ["static", "past", "known"],
    trainer: { ...TFT_TRAINING_DEFAULTS, epochs: 40, batchSize: 32, learningRate: 0.01 },
    loss: { name: "mse" },
    scaleTargets: true,
    quantiles: null,
    build: (shape, seed) => {
      const inputs = symbolicInputs(["static", "past", "known"], shape);
      const flat = inputs.map((x, i) =>
        x.shape.length === 2 ? x : tf.layers.flatten({ name: `flat_${i}` }).apply(x)
      ) as tf.SymbolicTensor[];
      const joined = tf.layers.concatenate({ name: "joined" }).apply(flat);
      const dense = (name: string, units: number, activation?: "tanh") =>
        tf.layers.dense({
          units,
          activation,
          name,
          kernelInitializer: tf.initializers.glorotUniform({ seed: seedFrom(seed, name) }),
        });
      const hidden = dense("hidden", 8, "tanh").apply(joined);
      const output = dense("head", shape.horizon).apply(hidden) as tf.SymbolicTensor;
      return layersNetwork(tf.model({ inputs, outputs: output, name: "covariate" }), LAYERS);
    },
    restore: (model) => layersNetwork(model, LAYERS),
  };
}
