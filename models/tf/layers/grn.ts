/**
 * Gated residual network as pytorch-forecasting's `GatedResidualNetwork`:
 *
 *   skip = x, or ResampleNorm(x) when input and output widths differ
 *   h = ELU(fc1(x) + context · Wc)   (context projection without bias, optional)
 *   out = LayerNorm(GLU(fc2(h)) + skip)
 *
 * fc1/fc2 start kaiming-normal, the context kernel xavier-uniform, biases zero. The
 * context may have fewer leading axes than x (a static context [B, c] for a [B, T, in]
 * input): its projection is broadcast over the missing axes instead of tiled.
 * With `stack: V`, V independent networks over a [V, N, in] input (without context).
 *
 * The child layers (resample norm, GLU, add & norm) hold their weights; the forward pass
 * runs as one op with a hand-written gradient ({@link fusedGrn}).
 */
import * as tf from "@tensorflow/tfjs";
import { KitLayer, type KitLayerArgs, type Kwargs } from "./base.ts";
import { fusedGrn, type GrnWeights } from "./fused_grn.ts";
import { GateAddNorm } from "./gate_add_norm.ts";
import { dense } from "./linear.ts";
import { ResampleNorm } from "./resample_norm.ts";

export interface GrnArgs extends KitLayerArgs {
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  dropout: number;
  contextSize?: number | null;
  stack?: number;
}

/** Reshapes a [B, h] projection to [B, 1, …, h] so it broadcasts against rank `rank`. */
export function broadcastContext(projection: tf.Tensor, rank: number): tf.Tensor {
  if (projection.rank >= rank) return projection;
  const [batch, ...rest] = projection.shape;
  const ones = new Array(rank - projection.rank).fill(1);
  return tf.reshape(projection, [batch, ...ones, ...rest]);
}

export class GatedResidualNetwork extends KitLayer {
  static className = "TftGatedResidualNetwork";
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly outputSize: number;
  readonly dropout: number;
  readonly contextSize: number | null;
  readonly stack: number;
  readonly resample: ResampleNorm | null;
  readonly gateNorm: GateAddNorm;
  #fc1Kernel!: tf.LayerVariable;
  #fc1Bias!: tf.LayerVariable;
  #fc2Kernel!: tf.LayerVariable;
  #fc2Bias!: tf.LayerVariable;
  #contextKernel: tf.LayerVariable | null = null;

  constructor(args: GrnArgs) {
    super(args);
    this.inputSize = args.inputSize;
    this.hiddenSize = args.hiddenSize;
    this.outputSize = args.outputSize;
    this.dropout = args.dropout;
    this.contextSize = args.contextSize ?? null;
    this.stack = args.stack ?? 0;
    const stack = this.stack;
    this.resample = this.inputSize === this.outputSize ? null : this.child(
      "resample_norm",
      (a) =>
        new ResampleNorm({ ...a, inputSize: this.inputSize, outputSize: this.outputSize, stack }),
    );
    this.gateNorm = this.child("gate_norm", (a) =>
      new GateAddNorm({
        ...a,
        inputSize: this.hiddenSize,
        outputSize: this.outputSize,
        dropout: this.dropout,
        stack,
      }));
  }

  protected createWeights(): void {
    const lead = this.stack > 0 ? [this.stack] : [];
    const bias = this.stack > 0 ? [this.stack, 1, this.hiddenSize] : [this.hiddenSize];
    const h = this.hiddenSize;
    this.#fc1Kernel = this.weight({
      name: "fc1_kernel",
      shape: [...lead, this.inputSize, h],
      init: "kaiming-normal",
    });
    this.#fc1Bias = this.weight({ name: "fc1_bias", shape: bias, init: "zeros" });
    if (this.contextSize !== null) {
      this.#contextKernel = this.weight({
        name: "context_kernel",
        shape: [...lead, this.contextSize, h],
        init: "xavier-uniform",
      });
    }
    this.#fc2Kernel = this.weight({
      name: "fc2_kernel",
      shape: [...lead, h, h],
      init: "kaiming-normal",
    });
    this.#fc2Bias = this.weight({ name: "fc2_bias", shape: bias, init: "zeros" });
  }

  forward(x: tf.Tensor, training: boolean, context?: tf.Tensor | null): tf.Tensor {
    if (context && !this.#contextKernel) {
      throw new Error(`${this.name}: a context was given but the layer has no context size`);
    }
    const stacked = this.stack > 0;
    const lead = (x.shape as number[]).slice(0, -1);
    // the fused op takes a stacked [V, N, in] or a plain [N, in] input, weights as stored
    const rows = stacked ? lead : [lead.reduce((a, b) => a * b, 1)];
    const glu = this.gateNorm.glu.parts();
    const norm = this.gateNorm.addNorm.normParts();
    const weights: GrnWeights = {
      fc1Kernel: this.#fc1Kernel.read(),
      fc1Bias: this.#fc1Bias.read(),
      fc2Kernel: this.#fc2Kernel.read(),
      fc2Bias: this.#fc2Bias.read(),
      ...glu,
      ...norm,
    };
    const projected = context
      ? broadcastContext(dense(context, this.#contextKernel!.read()), lead.length + 1)
      : null;
    const out = fusedGrn({
      x: x.rank === rows.length + 1 ? x : tf.reshape(x, [...rows, this.inputSize]),
      weights,
      context: projected,
      lead,
      resample: this.resample?.parts() ?? null,
      dropoutMask: this.gateNorm.glu.dropoutMask([...rows, this.hiddenSize], training),
    });
    return lead.length === rows.length ? out : tf.reshape(out, [...lead, this.outputSize]);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const [x, context] = Array.isArray(inputs) ? inputs : [inputs];
    return this.forward(x, !!kwargs["training"], context ?? null);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [...shape.slice(0, -1), this.outputSize];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      inputSize: this.inputSize,
      hiddenSize: this.hiddenSize,
      outputSize: this.outputSize,
      dropout: this.dropout,
      contextSize: this.contextSize,
      stack: this.stack,
    };
  }
}
tf.serialization.registerClass(GatedResidualNetwork);
