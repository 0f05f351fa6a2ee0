/**
 * pytorch-forecasting's `ResampleNorm`: resample the last axis to a new width by linear
 * interpolation, scale per unit by 2·sigmoid(mask) (trainable, starts at 1), LayerNorm.
 * Gated residual networks use it for their skip connection when input and output widths
 * differ. With `stack: V`, V independent copies over a [V, N, in] input.
 */
import * as tf from "@tensorflow/tfjs";
import { unitShape } from "./add_norm.ts";
import { type Kwargs, TftLayer, type TftLayerArgs } from "./base.ts";
import { interpolationTensor } from "./interpolate.ts";
import { layerNorm } from "./layer_norm.ts";
import { dense } from "./linear.ts";

export interface ResampleNormArgs extends TftLayerArgs {
  inputSize: number;
  outputSize: number;
  stack?: number;
}

export class ResampleNorm extends TftLayer {
  static className = "TftResampleNorm";
  readonly inputSize: number;
  readonly outputSize: number;
  readonly stack: number;
  #mask!: tf.LayerVariable;
  #gamma!: tf.LayerVariable;
  #beta!: tf.LayerVariable;

  constructor(args: ResampleNormArgs) {
    super(args);
    this.inputSize = args.inputSize;
    this.outputSize = args.outputSize;
    this.stack = args.stack ?? 0;
  }

  protected createWeights(): void {
    const shape = unitShape(this.outputSize, this.stack);
    this.#mask = this.weight({ name: "mask", shape, init: "zeros" });
    this.#gamma = this.weight({ name: "norm_gamma", shape, init: "ones" });
    this.#beta = this.weight({ name: "norm_beta", shape, init: "zeros" });
  }

  /** Interpolation matrix and parameters, for the fused GRN op. */
  parts(): { interpolation: tf.Tensor; mask: tf.Tensor; gamma: tf.Tensor; beta: tf.Tensor } {
    return {
      interpolation: this.constant(
        "interp",
        () => interpolationTensor(this.inputSize, this.outputSize),
      ),
      mask: this.#mask.read(),
      gamma: this.#gamma.read(),
      beta: this.#beta.read(),
    };
  }

  forward(x: tf.Tensor): tf.Tensor {
    const resampled = this.inputSize === this.outputSize ? x : dense(
      x,
      this.constant("interp", () => interpolationTensor(this.inputSize, this.outputSize)),
    );
    const gain = tf.mul(tf.sigmoid(this.#mask.read()), 2);
    return layerNorm(tf.mul(resampled, gain), this.#gamma.read(), this.#beta.read());
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return this.forward(Array.isArray(inputs) ? inputs[0] : inputs);
  }

  override computeOutputShape(inputShape: tf.Shape): tf.Shape {
    return [...inputShape.slice(0, -1), this.outputSize];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      inputSize: this.inputSize,
      outputSize: this.outputSize,
      stack: this.stack,
    };
  }
}
tf.serialization.registerClass(ResampleNorm);
