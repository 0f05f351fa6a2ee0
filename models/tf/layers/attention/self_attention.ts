/**
 * Multi-head self-attention, as torch's `nn.MultiheadAttention` inside a
 * `TransformerEncoderLayer`: one fused Q/K/V projection, scaled dot-product attention per
 * head, dropout on the attention weights (seeded, fresh per step), an output projection.
 *
 * It has two outputs: the attended sequence [b, S, d] and the attention weights
 * [b, heads, S, S] (before dropout; each query row sums to 1), so a second model on the same
 * layers can read the weights for interpretation without changing the forecast path.
 */
import * as tf from "@tensorflow/tfjs";
import { applySeededDropout, checkDropoutRate } from "../../dropout.ts";
import { glorotUniform } from "../init.ts";
import { SeededRandom, seedFrom } from "../../rng.ts";
import { attentionWeights } from "./weights.ts";

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
// deno-lint-ignore no-explicit-any
type Kwargs = { [key: string]: any };

export interface SelfAttentionArgs extends LayerArgs {
  heads: number;
  /** Dropout rate on the attention weights during training. */
  dropout: number;
  seed: number;
}

export class MultiHeadSelfAttention extends tf.layers.Layer {
  static className = "MultiHeadSelfAttention";
  readonly heads: number;
  readonly dropout: number;
  readonly seed: number;
  #stream: SeededRandom;
  #qkvKernel: tf.LayerVariable | null = null;
  #qkvBias: tf.LayerVariable | null = null;
  #outKernel: tf.LayerVariable | null = null;
  #outBias: tf.LayerVariable | null = null;

  constructor(args: SelfAttentionArgs) {
    super(args);
    if (!Number.isInteger(args.heads) || args.heads < 1) {
      throw new Error(`MultiHeadSelfAttention ${this.name}: heads must be an integer >= 1`);
    }
    checkDropoutRate(args.dropout, `MultiHeadSelfAttention ${this.name}`);
    this.heads = args.heads;
    this.dropout = args.dropout;
    this.seed = args.seed;
    this.#stream = new SeededRandom(seedFrom(args.seed, "attention_dropout"));
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const d = shape[2];
    if (shape.length !== 3 || d === null || d % this.heads !== 0) {
      throw new Error(
        `MultiHeadSelfAttention ${this.name}: expects [batch, steps, width] with width divisible ` +
          `by ${this.heads} heads, got [${shape}]`,
      );
    }
    const zeros = () => tf.initializers.zeros();
    this.#qkvKernel = this.addWeight("qkv_kernel", [d, 3 * d], "float32", zeros());
    this.#qkvBias = this.addWeight("qkv_bias", [3 * d], "float32", zeros());
    this.#outKernel = this.addWeight("out_kernel", [d, d], "float32", zeros());
    this.#outBias = this.addWeight("out_bias", [d], "float32", zeros());
    tf.tidy(() => {
      const qkv = glorotUniform(d, 3 * d, seedFrom(this.seed, "qkv_kernel"));
      this.#qkvKernel!.write(tf.tensor2d(qkv, [d, 3 * d]));
      const out = glorotUniform(d, d, seedFrom(this.seed, "out_kernel"));
      this.#outKernel!.write(tf.tensor2d(out, [d, d]));
    });
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape[] {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape, [shape[0], this.heads, shape[1], shape[1]]];
  }

  /** No masks: tfjs would otherwise pass one input mask to both outputs. */
  override computeMask(): tf.Tensor[] {
    return [null, null] as unknown as tf.Tensor[];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor[] {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [b, s, d] = x.shape;
      const h = this.heads;
      const dk = d / h;
      const flat = x.reshape([b * s, d]);
      const qkv = tf.add(
        tf.matMul(flat, this.#qkvKernel!.read() as tf.Tensor2D),
        this.#qkvBias!.read(),
      );
      // [b·s, d] → [b·h, s, dk] for each of q, k, v
      const perHead = (t: tf.Tensor) =>
        t.reshape([b, s, h, dk]).transpose([0, 2, 1, 3]).reshape([b * h, s, dk]) as tf.Tensor3D;
      const [q, k, v] = tf.split(qkv, 3, 1).map(perHead);
      const weights = attentionWeights(tf.matMul(q, k, false, true), dk);
      const used = kwargs["training"]
        ? applySeededDropout(weights, this.dropout, this.#stream)
        : weights;
      const context = tf.matMul(used as tf.Tensor3D, v)
        .reshape([b, h, s, dk]).transpose([0, 2, 1, 3]).reshape([b * s, d]);
      const out = tf.add(
        tf.matMul(context, this.#outKernel!.read() as tf.Tensor2D),
        this.#outBias!.read(),
      );
      return [out.reshape([b, s, d]), weights.reshape([b, h, s, s])];
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heads: this.heads, dropout: this.dropout, seed: this.seed };
  }
}
tf.serialization.registerClass(MultiHeadSelfAttention);
