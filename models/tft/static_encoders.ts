/**
 * The four static covariate encoders of the TFT: GRNs (hidden → hidden → hidden) on the
 * static embedding giving the contexts for variable selection, the LSTM's initial hidden
 * state, its initial cell state, and static enrichment. They are four independent GRNs
 * (separate parameters, as pytorch-forecasting's four modules) run as one stacked GRN.
 */
import * as tf from "@tensorflow/tfjs";
import { KitLayer, type KitLayerArgs, type Kwargs } from "../tf/layers/base.ts";
import { GatedResidualNetwork } from "../tf/layers/grn.ts";

export const STATIC_CONTEXTS = ["selection", "hidden", "cell", "enrichment"] as const;
export type StaticContexts = Record<typeof STATIC_CONTEXTS[number], tf.Tensor>;

export interface StaticEncodersArgs extends KitLayerArgs {
  hiddenSize: number;
  dropout: number;
}

export class StaticCovariateEncoders extends KitLayer {
  static className = "TftStaticCovariateEncoders";
  readonly hiddenSize: number;
  readonly dropout: number;
  readonly grns: GatedResidualNetwork;

  constructor(args: StaticEncodersArgs) {
    super(args);
    this.hiddenSize = args.hiddenSize;
    this.dropout = args.dropout;
    const h = this.hiddenSize;
    this.grns = this.child("grns", (a) =>
      new GatedResidualNetwork({
        ...a,
        inputSize: h,
        hiddenSize: h,
        outputSize: h,
        dropout: this.dropout,
        stack: STATIC_CONTEXTS.length,
      }));
  }

  protected createWeights(): void {}

  /** staticEmbedding [B, hidden] → the four contexts, each [B, hidden]. */
  forward(staticEmbedding: tf.Tensor, training: boolean): StaticContexts {
    const copies = STATIC_CONTEXTS.length;
    const tiled = tf.tile(tf.expandDims(staticEmbedding, 0), [copies, 1, 1]);
    const [selection, hidden, cell, enrichment] = tf.unstack(this.grns.forward(tiled, training));
    return { selection, hidden, cell, enrichment };
  }

  /** Returns the four contexts stacked, [4, B, hidden] (order of STATIC_CONTEXTS). */
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const contexts = this.forward(Array.isArray(inputs) ? inputs[0] : inputs, !!kwargs["training"]);
    return tf.stack(STATIC_CONTEXTS.map((name) => contexts[name]));
  }

  override computeOutputShape(inputShape: tf.Shape): tf.Shape {
    return [STATIC_CONTEXTS.length, ...inputShape];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), hiddenSize: this.hiddenSize, dropout: this.dropout };
  }
}
tf.serialization.registerClass(StaticCovariateEncoders);
