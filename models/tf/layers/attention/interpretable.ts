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
 * The layer owns the weights and dropout streams; the maths is `fused_interpretable.ts`.
 */
import * as tf from "@tensorflow/tfjs";
import { seededDropoutMaskTensor } from "../../dropout.ts";
import type { SeededRandom } from "../../rng.ts";
import { KitLayer, type KitLayerArgs, type Kwargs } from "../base.ts";
import { attentionForward, type AttentionParams, fusedAttention } from "./fused_interpretable.ts";

export interface AttentionArgs extends KitLayerArgs {
  hiddenSize: number;
  heads: number;
  dropout: number;
}

export interface AttentionResult {
  /** [B, Tq, hidden] */
  output: tf.Tensor;
  /**
   * [B, heads, Tq, Tk]; each row sums to 1 (to the head's gate when gated). Null in
   * training, where the fused op returns the output alone.
   */
  weights: tf.Tensor | null;
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
   * q [B, Tq, hidden], kv [B, Tk, hidden], additive mask [Tq, Tk] or [B, 1, Tq, Tk] (0 or
   * −1e9). Optional `headGates` [B, heads] multiply each head's attention weights (so its
   * output) per sample, without renormalising (the TFT's regime-aware attention).
   * Training runs the fused op ({@link fusedAttention}), which returns the output alone
   * (`weights` null); inference runs the same forward as plain ops and returns both.
   */
  forward(
    q: tf.Tensor,
    kv: tf.Tensor,
    mask: tf.Tensor,
    training: boolean,
    headGates?: tf.Tensor,
  ): AttentionResult {
    const [batch, tq] = q.shape as number[];
    const [n, d, h] = [this.heads, this.headSize, this.hiddenSize];
    const w = this.#w;
    const params: AttentionParams = {
      query: w.query.read(),
      queryBias: w.queryBias.read(),
      key: w.key.read(),
      keyBias: w.keyBias.read(),
      value: w.value.read(),
      valueBias: w.valueBias.read(),
      output: w.output.read(),
    };
    const inputs = { q, kv, params, heads: n, mask, gates: headGates ?? null };
    if (!training) {
      const { output, weights } = attentionForward(inputs);
      return { output, weights };
    }
    const dropoutMask = (shape: number[], stream: SeededRandom) =>
      this.dropout === 0 ? null : seededDropoutMaskTensor(shape, this.dropout, stream);
    const headMask = dropoutMask([batch, n, tq, d], this.#streams[0]);
    const outputMask = dropoutMask([batch, tq, h], this.#streams[1]);
    return { output: fusedAttention({ ...inputs, headMask, outputMask }), weights: null };
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
