/**
 * pytorch-forecasting's `ResampleNorm`: resample the last axis to a new width by linear
 * interpolation, scale per unit by 2·sigmoid(mask) (trainable, starts at 1), LayerNorm.
 * Gated residual networks use it for their skip connection when input and output widths
 * differ. With `stack: V`, V independent copies over a [V, N, in] input.
 */
import * as tf from "@tensorflow/tfjs";
import { unitShape } from "./add_norm.ts";
import { interpolationTensor } from "./interpolate.ts";
import { layerNorm } from "./layer_norm.ts";
import { dense } from "./linear.ts";
import { ResizingLayer } from "./resizing_layer.ts";

export class ResampleNorm extends ResizingLayer {
  static className = "TftResampleNorm";
  #mask!: tf.LayerVariable;
  #gamma!: tf.LayerVariable;
  #beta!: tf.LayerVariable;

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
}
tf.serialization.registerClass(ResampleNorm);
