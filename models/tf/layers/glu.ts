/**
 * Gated linear unit as pytorch-forecasting's `GatedLinearUnit`: dropout, then
 * Linear(in, 2·out), then GLU (value · sigmoid(gate)).
 *
 * torch's single [in, 2·out] kernel is kept as two [in, out] halves (value and gate), same
 * parameters and the same xavier bound, so the forward pass never slices activations.
 * With `stack: V` the layer holds V independent units applied to a [V, N, in] input.
 */
import * as tf from "@tensorflow/tfjs";
import { applySeededDropout, seededDropoutMaskTensor } from "../dropout.ts";
import type { SeededRandom } from "../rng.ts";
import type { GluWeights } from "./fused_math.ts";
import { affine } from "./linear.ts";
import { type ResizingArgs, ResizingLayer } from "./resizing_layer.ts";

export interface GluArgs extends ResizingArgs {
  dropout: number;
}

export class GatedLinearUnit extends ResizingLayer {
  static className = "TftGatedLinearUnit";
  readonly dropout: number;
  #stream: SeededRandom;
  #weights: tf.LayerVariable[] = [];

  constructor(args: GluArgs) {
    super(args);
    this.dropout = args.dropout;
    this.#stream = this.dropoutStream("glu");
  }

  protected createWeights(): void {
    const lead = this.stack > 0 ? [this.stack] : [];
    const biasShape = this.stack > 0 ? [this.stack, 1, this.outputSize] : [this.outputSize];
    const kernel = [...lead, this.inputSize, this.outputSize];
    const fanOut = 2 * this.outputSize;
    this.#weights = [
      this.weight({ name: "value_kernel", shape: kernel, init: "xavier-uniform", fanOut }),
      this.weight({ name: "value_bias", shape: biasShape, init: "zeros" }),
      this.weight({ name: "gate_kernel", shape: kernel, init: "xavier-uniform", fanOut }),
      this.weight({ name: "gate_bias", shape: biasShape, init: "zeros" }),
    ];
  }

  /** The current weights, for the fused GRN op. */
  parts(): GluWeights {
    const [valueKernel, valueBias, gateKernel, gateBias] = this.#weights.map((w) => w.read());
    return { valueKernel, valueBias, gateKernel, gateBias };
  }

  /**
   * The next dropout mask of this unit's stream for an input of `shape` (kept units scaled
   * by 1/(1 − rate)), or null when not training or without dropout. Same draws as
   * `applySeededDropout`.
   */
  dropoutMask(shape: number[], training: boolean): tf.Tensor | null {
    if (!training || this.dropout === 0) return null;
    return seededDropoutMaskTensor(shape, this.dropout, this.#stream);
  }

  forward(x: tf.Tensor, training: boolean): tf.Tensor {
    const [vk, vb, gk, gb] = this.#weights.map((w) => w.read());
    const dropped = training ? applySeededDropout(x, this.dropout, this.#stream) : x;
    return tf.mul(affine(dropped, vk, vb), tf.sigmoid(affine(dropped, gk, gb)));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), dropout: this.dropout };
  }
}
tf.serialization.registerClass(GatedLinearUnit);
