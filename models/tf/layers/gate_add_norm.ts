/**
 * pytorch-forecasting's `GateAddNorm`: a gated linear unit on x, then add & norm with the
 * skip connection: LayerNorm(GLU(x) + skip).
 */
import * as tf from "@tensorflow/tfjs";
import { AddNorm } from "./add_norm.ts";
import { KitLayer, type KitLayerArgs, type Kwargs } from "./base.ts";
import { GatedLinearUnit } from "./glu.ts";

export interface GateAddNormArgs extends KitLayerArgs {
  inputSize: number;
  outputSize: number;
  skipSize?: number;
  dropout: number;
  trainableAdd?: boolean;
  stack?: number;
}

export class GateAddNorm extends KitLayer {
  static className = "TftGateAddNorm";
  readonly inputSize: number;
  readonly outputSize: number;
  readonly skipSize: number;
  readonly dropout: number;
  readonly trainableAdd: boolean;
  readonly stack: number;
  readonly glu: GatedLinearUnit;
  readonly addNorm: AddNorm;

  constructor(args: GateAddNormArgs) {
    super(args);
    this.inputSize = args.inputSize;
    this.outputSize = args.outputSize;
    this.skipSize = args.skipSize ?? args.outputSize;
    this.dropout = args.dropout;
    this.trainableAdd = args.trainableAdd ?? false;
    this.stack = args.stack ?? 0;
    const stack = this.stack;
    this.glu = this.child("glu", (a) =>
      new GatedLinearUnit({
        ...a,
        inputSize: this.inputSize,
        outputSize: this.outputSize,
        dropout: this.dropout,
        stack,
      }));
    this.addNorm = this.child("add_norm", (a) =>
      new AddNorm({
        ...a,
        size: this.outputSize,
        skipSize: this.skipSize,
        trainableAdd: this.trainableAdd,
        stack,
      }));
  }

  protected createWeights(): void {}

  forward(x: tf.Tensor, skip: tf.Tensor, training: boolean): tf.Tensor {
    return this.addNorm.forward(this.glu.forward(x, training), skip);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const [x, skip] = inputs as tf.Tensor[];
    return this.forward(x, skip, !!kwargs["training"]);
  }

  override computeOutputShape(inputShape: tf.Shape[]): tf.Shape {
    return [...inputShape[0].slice(0, -1), this.outputSize];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      inputSize: this.inputSize,
      outputSize: this.outputSize,
      skipSize: this.skipSize,
      dropout: this.dropout,
      trainableAdd: this.trainableAdd,
      stack: this.stack,
    };
  }
}
tf.serialization.registerClass(GateAddNorm);
