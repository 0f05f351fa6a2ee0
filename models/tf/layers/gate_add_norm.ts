/**
 * pytorch-forecasting's `GateAddNorm`: a gated linear unit on x, then add & norm with the
 * skip connection: LayerNorm(GLU(x) + skip). The plain form (no trainable add, a skip as
 * wide as the output: every one the TFT uses) runs as one hand-differentiated op
 * ({@link fusedGateAddNorm}); the other forms compose the GLU and AddNorm layers.
 */
import * as tf from "@tensorflow/tfjs";
import { AddNorm } from "./add_norm.ts";
import { KitLayer, type KitLayerArgs, type Kwargs } from "./base.ts";
import { fusedGateAddNorm } from "./fused_gate_add_norm.ts";
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
    if (this.trainableAdd || this.skipSize !== this.outputSize) {
      return this.addNorm.forward(this.glu.forward(x, training), skip);
    }
    // the fused op's plain layout is [N, ·]; a stacked layer's input is already [V, N, ·]
    const lead = (x.shape as number[]).slice(0, -1);
    const rows = this.stack > 0 ? lead : [lead.reduce((a, b) => a * b, 1)];
    const flat = (t: tf.Tensor) => t.rank === rows.length + 1 ? t : tf.reshape(t, [...rows, -1]);
    const out = fusedGateAddNorm({
      x: flat(x),
      skip: flat(skip),
      weights: { ...this.glu.parts(), ...this.addNorm.normParts() },
      dropoutMask: this.glu.dropoutMask([...rows, this.inputSize], training),
    });
    return out.rank === lead.length + 1 ? out : tf.reshape(out, [...lead, this.outputSize]);
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
