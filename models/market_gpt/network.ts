/**
 * The `market-gpt` network: a decoder-only (GPT-style, pre-norm) Transformer over a window
 * of K-line bars. Each bar's parts are embedded linearly, sinusoidal positions are added,
 * then `layers` blocks of causal self-attention and a ReLU feed-forward, each with a
 * residual connection, and a final layer norm. Two heads read every step t:
 *
 * - `head_return`: H·Q quantiles of the standardised return of bars t+1 … t+H;
 * - `aux_range`: Q quantiles of the standardised range of bar t+1 (pretraining target and
 *   what sampling needs to continue a path; the shell's fits do not train it).
 *
 * The model's outputs are [last step's return quantiles [b, H, Q], return quantiles of every
 * step [b, L, H·Q], range quantiles of every step [b, L, Q]]: the shell reads the first,
 * pretraining and sampling the other two. Layer names are fixed so weights match by name
 * between the pretrained network and a fine-tuned one.
 */
import * as tf from "@tensorflow/tfjs";
import { SeededDropout } from "../tf/dropout.ts";
import { LayerNorm } from "../tf/layers/layer_norm.ts";
import { seedFrom } from "../tf/rng.ts";
import type { Network, NeuralShape } from "../tf/shell/kind.ts";
import { symbolicInputs } from "../tf/shell/inputs.ts";
import { SinusoidalPositions } from "../transformer/positions.ts";
import { CausalSelfAttention, LastStep } from "./causal_attention.ts";
import type { MarketGptConfig } from "./config.ts";

type Apply = (x: tf.SymbolicTensor) => tf.SymbolicTensor;

/** Weight-name prefix of the return head (what `fineTune: "head"` trains). */
export const RETURN_HEAD = "head_return";

export function buildMarketGpt(config: MarketGptConfig, shape: NeuralShape, seed: number): Network {
  const dense = (name: string, units: number, activation?: "relu"): Apply => (x) =>
    tf.layers.dense({
      units,
      activation,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seedFrom(seed, name) }),
      name,
    }).apply(x) as tf.SymbolicTensor;
  const dropout = (name: string): Apply => (x) =>
    new SeededDropout({ rate: config.dropout, seed: seedFrom(seed, name), name })
      .apply(x) as tf.SymbolicTensor;
  const norm = (name: string): Apply => (x) =>
    new LayerNorm({ epsilon: 1e-5, name }).apply(x) as tf.SymbolicTensor;
  const add = (name: string, a: tf.SymbolicTensor, b: tf.SymbolicTensor) =>
    tf.layers.add({ name }).apply([a, b]) as tf.SymbolicTensor;

  const [input] = symbolicInputs(["past"], shape);
  let x = dense("embedding", config.dModel)(input);
  x = new SinusoidalPositions({ name: "positions" }).apply(x) as tf.SymbolicTensor;
  x = dropout("embedding_dropout")(x);
  for (let l = 1; l <= config.layers; l++) {
    const name = `block_${l}`;
    const attention = new CausalSelfAttention({
      heads: config.heads,
      seed: seedFrom(seed, `${name}_attention`),
      name: `${name}_attention`,
    });
    const attended = attention.apply(norm(`${name}_attention_norm`)(x)) as tf.SymbolicTensor;
    x = add(`${name}_attention_add`, x, dropout(`${name}_attention_dropout`)(attended));
    const hidden = dense(`${name}_ff_1`, config.feedForward, "relu")(norm(`${name}_ff_norm`)(x));
    const ff = dropout(`${name}_ff_dropout`)(dense(`${name}_ff_2`, config.dModel)(hidden));
    x = add(`${name}_ff_add`, x, ff);
  }
  x = norm("final_norm")(x);
  const q = config.quantiles.length;
  const returns = dense(RETURN_HEAD, shape.horizon * q)(x);
  const range = dense("aux_range", q)(x);
  const last = new LastStep({ horizon: shape.horizon, name: "last_step" }).apply(
    returns,
  ) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: [last, returns, range], name: "market_gpt" });
  return marketGptNetwork(model, config);
}

/** The shell's view of a built or reloaded model: the first output, diagnostics by layer. */
export function marketGptNetwork(model: tf.LayersModel, config: MarketGptConfig): Network {
  const variables = (names: string[]) =>
    names.flatMap((name) => {
      if (!model.layers.some((layer) => layer.name === name)) {
        throw new Error(
          `market-gpt: model "${model.name}" has no layer "${name}"; load it with the config ` +
            "it was trained with",
        );
      }
      return model.getLayer(name).trainableWeights.map((w) => w.read() as tf.Variable);
    });
  const encoder = ["embedding"];
  for (let l = 1; l <= config.layers; l++) encoder.push(`block_${l}_attention`, `block_${l}_ff_2`);
  return {
    model,
    forward: (inputs, training) => (model.apply(inputs[0], { training }) as tf.Tensor[])[0],
    outputVariables: variables([RETURN_HEAD]),
    encoderVariables: variables(encoder),
  };
}

/** Every step's outputs: return quantiles [b, L, H·Q] and range quantiles [b, L, Q]. */
export function sequenceOutputs(
  network: Network,
  input: tf.Tensor,
  training: boolean,
): { returns: tf.Tensor3D; range: tf.Tensor3D } {
  const [, returns, range] = network.model.apply(input, { training }) as tf.Tensor3D[];
  return { returns, range };
}
