/**
 * Causal multi-head self-attention: one fused Q/K/V projection, scaled dot-product attention
 * per head (the kit's `attentionWeights`) with an additive mask that hides every key after
 * the query's own step, and an output projection. Step t's output is a function of steps
 * ≤ t only, so a decoder built from it reads no bar after the one it forecasts from.
 */
import * as tf from "@tensorflow/tfjs";
import { glorotUniform } from "../tf/layers/init.ts";
import { attentionWeights } from "../tf/layers/attention/weights.ts";
import { seedFrom } from "../tf/rng.ts";

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

export interface CausalAttentionArgs extends LayerArgs {
  heads: number;
  seed: number;
}

/** [s, s]: 0 on and below the diagonal, −1e9 above it (a key after the query). */
export function causalMask(steps: number): tf.Tensor2D {
  const mask = new Float32Array(steps * steps);
  for (let q = 0; q < steps; q++) for (let k = q + 1; k < steps; k++) mask[q * steps + k] = -1e9;
  return tf.tensor2d(mask, [steps, steps]);
}

export class CausalSelfAttention extends tf.layers.Layer {
  static className = "CausalSelfAttention";
  readonly heads: number;
  readonly seed: number;
  #qkvKernel: tf.LayerVariable | null = null;
  #qkvBias: tf.LayerVariable | null = null;
  #outKernel: tf.LayerVariable | null = null;
  #outBias: tf.LayerVariable | null = null;

  constructor(args: CausalAttentionArgs) {
    super(args);
    if (!Number.isInteger(args.heads) || args.heads < 1) {
      throw new Error(`CausalSelfAttention ${this.name}: heads must be an integer >= 1`);
    }
    this.heads = args.heads;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const d = shape[2];
    if (shape.length !== 3 || d === null || d % this.heads !== 0) {
      throw new Error(
        `CausalSelfAttention ${this.name}: expects [batch, steps, width] with width divisible ` +
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

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [b, s, d] = x.shape;
      const h = this.heads;
      const dk = d / h;
      const qkv = tf.add(
        tf.matMul(x.reshape([b * s, d]), this.#qkvKernel!.read() as tf.Tensor2D),
        this.#qkvBias!.read(),
      );
      const perHead = (t: tf.Tensor) =>
        t.reshape([b, s, h, dk]).transpose([0, 2, 1, 3]).reshape([b * h, s, dk]) as tf.Tensor3D;
      const [q, k, v] = tf.split(qkv, 3, 1).map(perHead);
      const weights = attentionWeights(tf.matMul(q, k, false, true), dk, causalMask(s));
      const context = tf.matMul(weights as tf.Tensor3D, v)
        .reshape([b, h, s, dk]).transpose([0, 2, 1, 3]).reshape([b * s, d]);
      const out = tf.add(
        tf.matMul(context, this.#outKernel!.read() as tf.Tensor2D),
        this.#outBias!.read(),
      );
      return out.reshape([b, s, d]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heads: this.heads, seed: this.seed };
  }
}
tf.serialization.registerClass(CausalSelfAttention);

/** [b, L, H·Q] → [b, H, Q]: the last step's outputs, the forecast from the window's origin. */
export class LastStep extends tf.layers.Layer {
  static className = "MarketGptLastStep";
  readonly horizon: number;

  constructor(args: LayerArgs & { horizon: number }) {
    super(args);
    this.horizon = args.horizon;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = inputShape as tf.Shape;
    return [shape[0], this.horizon, (shape[2] as number) / this.horizon];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [b, s, w] = x.shape;
      return x.slice([0, s - 1, 0], [b, 1, w]).reshape([b, this.horizon, w / this.horizon]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), horizon: this.horizon };
  }
}
tf.serialization.registerClass(LastStep);
