/**
 * Base of the kit layers that map the last axis of one input from `inputSize` to
 * `outputSize` (the gated linear unit, ResampleNorm), optionally as `stack` independent
 * copies over a [V, N, in] input: the sizes, the single-input `call`, the output shape
 * and the config they share.
 */
import type * as tf from "@tensorflow/tfjs";
import { KitLayer, type KitLayerArgs, type Kwargs } from "./base.ts";

export interface ResizingArgs extends KitLayerArgs {
  inputSize: number;
  outputSize: number;
  /** Number of independent copies (per-variable units); 0 = a plain layer. */
  stack?: number;
}

export abstract class ResizingLayer extends KitLayer {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly stack: number;

  constructor(args: ResizingArgs) {
    super(args);
    this.inputSize = args.inputSize;
    this.outputSize = args.outputSize;
    this.stack = args.stack ?? 0;
  }

  abstract forward(x: tf.Tensor, training: boolean): tf.Tensor;

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return this.forward(Array.isArray(inputs) ? inputs[0] : inputs, !!kwargs["training"]);
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
