/**
 * Add & norm as pytorch-forecasting's `AddNorm`: LayerNorm(x + skip). A skip of another
 * width is first resampled by linear interpolation; with `trainableAdd` the skip is scaled
 * by 2·sigmoid(mask) per unit (mask starts at 0, i.e. scale 1). The TFT itself always uses
 * `trainableAdd: false`. With `stack: V`, V independent norms over a [V, N, size] input.
 */
import * as tf from "@tensorflow/tfjs";
import { KitLayer, type KitLayerArgs, type Kwargs } from "./base.ts";
import { interpolationTensor } from "./interpolate.ts";
import { layerNorm } from "./layer_norm.ts";
import { dense } from "./linear.ts";

export interface AddNormArgs extends KitLayerArgs {
  size: number;
  skipSize?: number;
  trainableAdd?: boolean;
  stack?: number;
}

/** Shape of a per-unit parameter: [size], or [V, 1, size] when stacked. */
export function unitShape(size: number, stack: number): number[] {
  return stack > 0 ? [stack, 1, size] : [size];
}

export class AddNorm extends KitLayer {
  static className = "TftAddNorm";
  readonly size: number;
  readonly skipSize: number;
  readonly trainableAdd: boolean;
  readonly stack: number;
  #mask: tf.LayerVariable | null = null;
  #gamma!: tf.LayerVariable;
  #beta!: tf.LayerVariable;

  constructor(args: AddNormArgs) {
    super(args);
    this.size = args.size;
    this.skipSize = args.skipSize ?? args.size;
    this.trainableAdd = args.trainableAdd ?? false;
    this.stack = args.stack ?? 0;
  }

  protected createWeights(): void {
    const shape = unitShape(this.size, this.stack);
    if (this.trainableAdd) this.#mask = this.weight({ name: "mask", shape, init: "zeros" });
    this.#gamma = this.weight({ name: "norm_gamma", shape, init: "ones" });
    this.#beta = this.weight({ name: "norm_beta", shape, init: "zeros" });
  }

  /** Norm parameters, for the fused ops (which support the plain form only). */
  normParts(): { gamma: tf.Tensor; beta: tf.Tensor } {
    if (this.trainableAdd || this.skipSize !== this.size) {
      throw new Error(`${this.name}: the fused path needs an AddNorm without resampling or gain`);
    }
    return { gamma: this.#gamma.read(), beta: this.#beta.read() };
  }

  forward(x: tf.Tensor, skip: tf.Tensor): tf.Tensor {
    let s = skip;
    if (this.skipSize !== this.size) {
      const matrix = this.constant("interp", () => interpolationTensor(this.skipSize, this.size));
      s = dense(s, matrix);
    }
    if (this.#mask) s = tf.mul(s, tf.mul(tf.sigmoid(this.#mask.read()), 2));
    return layerNorm(tf.add(x, s), this.#gamma.read(), this.#beta.read());
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    const [x, skip] = inputs as tf.Tensor[];
    return this.forward(x, skip);
  }

  override computeOutputShape(inputShape: tf.Shape[]): tf.Shape {
    return inputShape[0];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      size: this.size,
      skipSize: this.skipSize,
      trainableAdd: this.trainableAdd,
      stack: this.stack,
    };
  }
}
tf.serialization.registerClass(AddNorm);
