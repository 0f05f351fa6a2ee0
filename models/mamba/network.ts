/**
 * The `mamba` network: a dense input projection of each bar's past features to d_model,
 * `layers` pre-norm residual Mamba blocks (x + block(LayerNorm(x))), a final layer norm, the
 * last bar's features, dropout and a dense head to one standardised return per horizon step.
 * Layer names are fixed (`input_proj`, `norm_k`, `block_k`, `final_norm`, `head`) so saved
 * weights are byte-stable and the recurrent stream (`recurrent.ts`) can find every layer.
 */
import * as tf from "@tensorflow/tfjs";
import { SeededDropout } from "../tf/dropout.ts";
import { LayerNorm } from "../tf/layers/layer_norm.ts";
import { seedFrom } from "../tf/rng.ts";
import { symbolicInputs } from "../tf/shell/inputs.ts";
import { layersNetwork, type Network, type NeuralShape } from "../tf/shell/kind.ts";
import { MambaBlock, mambaShape } from "./block.ts";
import type { MambaConfig } from "./config.ts";

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** The last step of a [batch, L, C] sequence: [batch, C]. */
export class LastBar extends tf.layers.Layer {
  static className = "MambaLastBar";
  constructor(args: LayerArgs = {}) {
    super(args);
  }
  override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape;
    return [s[0], s[2]];
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [, length, width] = x.shape;
      return tf.reshape(x.slice([0, length - 1, 0], [-1, 1, -1]), [-1, width]);
    });
  }
}
tf.serialization.registerClass(LastBar);

export const blockName = (k: number) => `block_${k}`;
export const normName = (k: number) => `norm_${k}`;

/** The output (head) and encoder (blocks) layers, for the gradient-norm diagnostic. */
export function mambaLayers(config: MambaConfig): { output: string[]; encoder: string[] } {
  return {
    output: ["head"],
    encoder: Array.from({ length: config.layers }, (_, k) => blockName(k + 1)),
  };
}

export function buildMambaNetwork(config: MambaConfig, shape: NeuralShape, seed: number): Network {
  const [input] = symbolicInputs(["past"], shape);
  const dense = (name: string, units: number) =>
    tf.layers.dense({
      units,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seedFrom(seed, name) }),
      name,
    });
  let x = dense("input_proj", config.dModel).apply(input) as tf.SymbolicTensor;
  const blockShape = mambaShape(config.dModel, {
    dState: config.dState,
    expand: config.expand,
    dConv: config.dConv,
    ...(config.dtRank === null ? {} : { dtRank: config.dtRank }),
  });
  for (let k = 1; k <= config.layers; k++) {
    const normed = new LayerNorm({ name: normName(k) }).apply(x) as tf.SymbolicTensor;
    const block = new MambaBlock({
      ...blockShape,
      seed: seedFrom(seed, blockName(k)),
      scan: config.scan,
      name: blockName(k),
    }).apply(normed) as tf.SymbolicTensor;
    x = tf.layers.add({ name: `residual_${k}` }).apply([x, block]) as tf.SymbolicTensor;
  }
  x = new LayerNorm({ name: "final_norm" }).apply(x) as tf.SymbolicTensor;
  x = new LastBar({ name: "last_bar" }).apply(x) as tf.SymbolicTensor;
  x = new SeededDropout({
    rate: config.dropout,
    seed: seedFrom(seed, "head_dropout"),
    name: "head_dropout",
  }).apply(x) as tf.SymbolicTensor;
  const output = dense("head", shape.horizon).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output, name: "mamba" });
  return layersNetwork(model, mambaLayers(config));
}
