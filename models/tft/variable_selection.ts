/**
 * Variable selection network as pytorch-forecasting's `VariableSelectionNetwork` for real
 * inputs: each variable's prescaled embedding goes through its own GRN
 * (hidden_continuous → min(hidden_continuous, hidden) → hidden); a GRN over all
 * embeddings concatenated (with the static context for time-varying inputs) gives
 * softmax selection weights; the output is the weighted sum of the per-variable outputs.
 * A single variable skips the flat GRN and gets weight 1; no variables give a zero output.
 *
 * The V per-variable GRNs are one stacked GRN over a variable-major [V, N, ·] layout: the
 * same parameters as V separate networks, but one batched matmul per layer on wasm. The
 * softmax-weighted sum runs as one hand-differentiated op in training (`fused_selection.ts`).
 */
import * as tf from "@tensorflow/tfjs";
import { KitLayer, type KitLayerArgs, type Kwargs } from "../tf/layers/base.ts";
import { GatedResidualNetwork } from "../tf/layers/grn.ts";
import { fusedSelection, selectionForward } from "./fused_selection.ts";
import { type Prescale, PrescalerBank } from "./prescaler.ts";

export interface VariableSelectionArgs extends KitLayerArgs {
  variables: number;
  /** Width of each prescaled embedding (hidden_continuous). */
  embeddingSize: number;
  hiddenSize: number;
  dropout: number;
  contextSize?: number | null;
}

export interface Selection {
  /** [..., hidden] */
  output: tf.Tensor;
  /** [..., variables], each row sums to 1; null in training (the fused combine returns the output only) */
  weights: tf.Tensor | null;
}

export class VariableSelectionNetwork extends KitLayer {
  static className = "TftVariableSelectionNetwork";
  readonly variables: number;
  readonly embeddingSize: number;
  readonly hiddenSize: number;
  readonly dropout: number;
  readonly contextSize: number | null;
  readonly perVariable: GatedResidualNetwork | null;
  readonly flat: GatedResidualNetwork | null;

  constructor(args: VariableSelectionArgs) {
    super(args);
    this.variables = args.variables;
    this.embeddingSize = args.embeddingSize;
    this.hiddenSize = args.hiddenSize;
    this.dropout = args.dropout;
    this.contextSize = args.contextSize ?? null;
    const [v, e, h] = [this.variables, this.embeddingSize, this.hiddenSize];
    this.perVariable = v === 0
      ? null
      : this.child("variable_grns", (a) =>
        new GatedResidualNetwork({
          ...a,
          inputSize: e,
          hiddenSize: Math.min(e, h),
          outputSize: h,
          dropout: this.dropout,
          stack: v,
        }));
    this.flat = v <= 1 ? null : this.child("flattened_grn", (a) =>
      new GatedResidualNetwork({
        ...a,
        inputSize: v * e,
        hiddenSize: Math.min(h, v),
        outputSize: v,
        dropout: this.dropout,
        contextSize: this.contextSize,
      }));
  }

  protected createWeights(): void {}

  /** x [..., V] raw reals; prescale: this network's V prescalers; context [B, c] or null. */
  forward(
    x: tf.Tensor,
    prescale: Prescale,
    training: boolean,
    context: tf.Tensor | null = null,
  ): Selection {
    const lead = x.shape.slice(0, -1);
    const v = this.variables;
    if (!this.perVariable) {
      return { output: tf.zeros([...lead, this.hiddenSize]), weights: tf.zeros([...lead, 0]) };
    }
    const rows = lead.reduce((a, b) => a * b, 1);
    const embeddings = PrescalerBank.embed(tf.reshape(x, [rows, v]), prescale); // [N, V, e]
    const outputs = this.perVariable.forward(tf.transpose(embeddings, [1, 0, 2]), training);
    if (!this.flat) {
      return {
        output: tf.reshape(outputs, [...lead, this.hiddenSize]),
        weights: tf.ones([...lead, 1]),
      };
    }
    const flat = tf.reshape(embeddings, [...lead, v * this.embeddingSize]);
    const logits = tf.reshape(this.flat.forward(flat, training, context), [rows, v]);
    const shape = (t: tf.Tensor, width: number) => tf.reshape(t, [...lead, width]);
    if (training) {
      const output = fusedSelection(outputs, logits); // [N, h]
      return { output: shape(output, this.hiddenSize), weights: null };
    }
    const selected = selectionForward(outputs, logits);
    return { output: shape(selected.output, this.hiddenSize), weights: shape(selected.weights, v) };
  }

  /** inputs: [x, prescale weight, prescale bias, context?]; returns the selected output. */
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const [x, weight, bias, context] = inputs as tf.Tensor[];
    return this.forward(x, { weight, bias }, !!kwargs["training"], context ?? null).output;
  }

  override computeOutputShape(inputShape: tf.Shape[]): tf.Shape {
    return [...inputShape[0].slice(0, -1), this.hiddenSize];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      variables: this.variables,
      embeddingSize: this.embeddingSize,
      hiddenSize: this.hiddenSize,
      dropout: this.dropout,
      contextSize: this.contextSize,
    };
  }
}
tf.serialization.registerClass(VariableSelectionNetwork);
