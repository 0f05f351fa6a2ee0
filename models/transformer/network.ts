/**
 * The CLS-token Transformer encoder: a linear embedding of each step's past features,
 * sinusoidal positions, a learnable [CLS] token in front, dropout, then `layers` post-norm
 * encoder layers (self-attention and a ReLU feed-forward block, each with dropout, a
 * residual connection and layer norm, as torch's TransformerEncoderLayer), and a two-layer
 * head (Dense → ReLU → dropout → Dense) on the [CLS] output: one standardised return per
 * horizon step. Layer names are fixed so saved weights are byte-stable.
 */
import * as tf from "@tensorflow/tfjs";
import { SeededDropout } from "../tf/dropout.ts";
import { ResidualNorm } from "../tf/layers/residual_norm.ts";
import { seedFrom } from "../tf/rng.ts";
import { layersNetwork, type Network, type NeuralShape } from "../tf/shell/kind.ts";
import { symbolicInputs } from "../tf/shell/inputs.ts";
import { MultiHeadSelfAttention } from "../tf/layers/attention/self_attention.ts";
import { ClsReadout, ClsToken } from "./cls_token.ts";
import type { ClsTransformerConfig } from "./config.ts";
import { SinusoidalPositions } from "./positions.ts";

/** Name of layer l's attention (1-based); `explain` reads its second output. */
export const attentionLayerName = (layer: number) => `encoder_${layer}_attention`;

type Apply = (x: tf.SymbolicTensor) => tf.SymbolicTensor;

export function buildClsTransformer(
  config: ClsTransformerConfig,
  shape: NeuralShape,
  seed: number,
): Network {
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
  const addNorm = (name: string, x: tf.SymbolicTensor, branch: tf.SymbolicTensor) =>
    new ResidualNorm({ name: `${name}_norm` }).apply([x, branch]) as tf.SymbolicTensor;

  const [input] = symbolicInputs(["past"], shape);
  let x = dense("embedding", config.dModel)(input);
  x = new SinusoidalPositions({ name: "positions" }).apply(x) as tf.SymbolicTensor;
  x = new ClsToken({ seed: seedFrom(seed, "cls"), name: "cls_token" }).apply(
    x,
  ) as tf.SymbolicTensor;
  x = dropout("embedding_dropout")(x);
  for (let l = 1; l <= config.layers; l++) {
    const name = `encoder_${l}`;
    const attention = new MultiHeadSelfAttention({
      heads: config.heads,
      dropout: config.dropout,
      seed: seedFrom(seed, attentionLayerName(l)),
      name: attentionLayerName(l),
    });
    const [attended] = attention.apply(x) as tf.SymbolicTensor[];
    x = addNorm(`${name}_attention`, x, dropout(`${name}_attention_dropout`)(attended));
    const hidden = dropout(`${name}_ff_dropout`)(
      dense(`${name}_ff_1`, config.feedForward, "relu")(x),
    );
    const ff = dropout(`${name}_ff_out_dropout`)(dense(`${name}_ff_2`, config.dModel)(hidden));
    x = addNorm(`${name}_ff`, x, ff);
  }
  x = new ClsReadout({ name: "cls_output" }).apply(x) as tf.SymbolicTensor;
  x = dropout("head_dropout")(dense("head_hidden", config.headUnits, "relu")(x));
  const output = dense("head_output", shape.horizon)(x);
  const model = tf.model({ inputs: input, outputs: output, name: "cls_transformer" });
  return layersNetwork(model, transformerLayers(config));
}

/** The output layer and the encoder's layers, for the gradient-norm diagnostic. */
export function transformerLayers(
  config: ClsTransformerConfig,
): { output: string[]; encoder: string[] } {
  const encoder = ["embedding", "cls_token"];
  for (let l = 1; l <= config.layers; l++) {
    const name = `encoder_${l}`;
    encoder.push(
      attentionLayerName(l),
      `${name}_attention_norm`,
      `${name}_ff_1`,
      `${name}_ff_2`,
      `${name}_ff_norm`,
    );
  }
  return { output: ["head_output"], encoder };
}
