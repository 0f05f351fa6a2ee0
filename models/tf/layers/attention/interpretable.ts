/**
 * Interpretable multi-head attention (Lim et al. 2021; pytorch-forecasting's
 * `InterpretableMultiHeadAttention`): per-head query and key projections, ONE value
 * projection shared by all heads, scaled dot-product attention per head, heads averaged,
 * then a bias-free output projection. Dropout on each head's output and on the result.
 *
 * The per-head query/key projections are stored as one [hidden, heads·d] kernel each (the
 * same parameters as `heads` separate Linear(hidden, d) layers); xavier-uniform kernels are
 * drawn per head block so their bounds match. Because V is shared, all heads' weights
 * multiply the same values: one [B, heads·Tq, Tk] × [B, Tk, d] matmul does every head.
 */
import * as tf from "@tensorflow/tfjs";
import { applySeededDropout } from "../../dropout.ts";
import type { SeededRandom } from "../../rng.ts";
import { KitLayer, type KitLayerArgs, type Kwargs } from "../base.ts";
import { dense } from "../linear.ts";
import { attentionWeights } from "./weights.ts";

export interface AttentionArgs extends KitLayerArgs {
  hiddenSize: number;
  heads: number;
  dropout: number;
}

export interface AttentionResult {
  /** [B, Tq, hidden] */
  output: tf.Tensor;
  /** [B, heads, Tq, Tk]; each row sums to 1 (to the head's gate when gated) */
  weights: tf.Tensor;
}

export class InterpretableMultiHeadAttention extends KitLayer {
  static className = "TftInterpretableMultiHeadAttention";
  readonly hiddenSize: number;
  readonly heads: number;
  readonly dropout: number;
  readonly headSize: number;
  #w: Record<string, tf.LayerVariable> = {};
  #streams: SeededRandom[];

  constructor(args: AttentionArgs) {
    super(args);
    if (args.hiddenSize % args.heads !== 0) {
      throw new Error(
        `${args.name}: hidden size ${args.hiddenSize} must be divisible by the number of heads ${args.heads}`,
      );
    }
    this.hiddenSize = args.hiddenSize;
    this.heads = args.heads;
    this.dropout = args.dropout;
    this.headSize = args.hiddenSize / args.heads;
    this.#streams = [this.dropoutStream("heads"), this.dropoutStream("output")];
  }

  protected createWeights(): void {
    const [h, n, d] = [this.hiddenSize, this.heads, this.headSize];
    const init = "xavier-uniform" as const;
    this.#w = {
      query: this.weight({ name: "query_kernel", shape: [h, n * d], init, fanOut: d }),
      queryBias: this.weight({ name: "query_bias", shape: [n * d], init: "zeros" }),
      key: this.weight({ name: "key_kernel", shape: [h, n * d], init, fanOut: d }),
      keyBias: this.weight({ name: "key_bias", shape: [n * d], init: "zeros" }),
      value: this.weight({ name: "value_kernel", shape: [h, d], init }),
      valueBias: this.weight({ name: "value_bias", shape: [d], init: "zeros" }),
      output: this.weight({ name: "output_kernel", shape: [d, h], init }),
    };
  }

  /**
   * q [B, Tq, hidden], kv [B, Tk, hidden], additive mask [Tq, Tk] (0 or −1e9). Optional
   * `headGates` [B, heads] multiply each head's attention weights (so its output) per
   * sample, without renormalising (the TFT's regime-aware attention).
   */
  forward(
    q: tf.Tensor,
    kv: tf.Tensor,
    mask: tf.Tensor,
    training: boolean,
    headGates?: tf.Tensor,
  ): AttentionResult {
    const [batch, tq] = q.shape as number[];
    const tk = (kv.shape as number[])[1];
    const [n, d] = [this.heads, this.headSize];
    const w = this.#w;
    const queries = tf.transpose(
      tf.reshape(dense(q, w.query.read(), w.queryBias.read()), [batch, tq, n, d]),
      [0, 2, 1, 3],
    ); // [B, n, Tq, d]
    const keys = tf.transpose(
      tf.reshape(dense(kv, w.key.read(), w.keyBias.read()), [batch, tk, n, d]),
      [0, 2, 3, 1],
    ); // [B, n, d, Tk]
    let weights = attentionWeights(tf.matMul(queries, keys), d, mask); // [B, n, Tq, Tk]
    if (headGates) weights = tf.mul(weights, tf.reshape(headGates, [batch, n, 1, 1]));
    const values = dense(kv, w.value.read(), w.valueBias.read()); // [B, Tk, d]
    let heads = tf.matMul(tf.reshape(weights, [batch, n * tq, tk]), values); // [B, n·Tq, d]
    heads = tf.reshape(heads, [batch, n, tq, d]);
    if (training) heads = applySeededDropout(heads, this.dropout, this.#streams[0]);
    let output = dense(tf.mean(heads, 1), w.output.read());
    if (training) output = applySeededDropout(output, this.dropout, this.#streams[1]);
    return { output, weights };
  }

  /** inputs: [q, kv, mask]; returns the attention output. */
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const [q, kv, mask] = inputs as tf.Tensor[];
    return this.forward(q, kv, mask, !!kwargs["training"]).output;
  }

  override computeOutputShape(inputShape: tf.Shape[]): tf.Shape {
    return inputShape[0];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      hiddenSize: this.hiddenSize,
      heads: this.heads,
      dropout: this.dropout,
    };
  }
}
tf.serialization.registerClass(InterpretableMultiHeadAttention);
