/**
 * Dropout with a fresh, seeded mask on every training call.
 *
 * tfjs-layers' own `Dropout({seed})` passes the same seed to every call, so it drops the
 * same units at every step; without a seed it draws from `Math.random`. Here each layer
 * owns a {@link SeededRandom} stream: masks differ from call to call but the sequence of
 * masks repeats exactly across runs with the same seed. Inference (training falsy) is the
 * identity and draws nothing, so evaluating between epochs does not shift the stream.
 */
import * as tf from "@tensorflow/tfjs";
import { SeededRandom } from "./rng.ts";

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
// deno-lint-ignore no-explicit-any
type Kwargs = { [key: string]: any };

/**
 * Inverted dropout of `x` with the next mask of `stream` (kept units scaled by 1/(1-rate)).
 * Shared by {@link SeededDropout} and layers with internal dropout (attention weights).
 */
export function applySeededDropout(x: tf.Tensor, rate: number, stream: SeededRandom): tf.Tensor {
  if (rate === 0) return x;
  const mask = seededDropoutMask(x.shape, rate, stream);
  return tf.tidy(() => tf.mul(x, tf.tensor(mask, x.shape, "float32")));
}

/**
 * The next inverted-dropout mask of `stream` for a tensor of `shape`: kept units are
 * 1/(1-rate), dropped ones 0. One draw per element, so every caller shifts the stream alike.
 */
export function seededDropoutMask(
  shape: number[],
  rate: number,
  stream: SeededRandom,
): Float32Array {
  const scale = 1 / (1 - rate);
  const mask = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < mask.length; i++) mask[i] = stream.next() >= rate ? scale : 0;
  return mask;
}

export function checkDropoutRate(rate: number, where: string): void {
  if (!(Number.isFinite(rate) && rate >= 0 && rate < 1)) {
    throw new Error(`${where}: dropout rate must be in [0, 1), got ${rate}`);
  }
}

export interface SeededDropoutArgs extends LayerArgs {
  rate: number;
  seed: number;
}

export class SeededDropout extends tf.layers.Layer {
  static className = "SeededDropout";
  readonly rate: number;
  readonly seed: number;
  #stream: SeededRandom;

  constructor(args: SeededDropoutArgs) {
    super(args);
    checkDropoutRate(args.rate, `SeededDropout ${this.name}`);
    this.rate = args.rate;
    this.seed = args.seed;
    this.#stream = new SeededRandom(args.seed);
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs["training"] || this.rate === 0) return tf.clone(x);
    return applySeededDropout(x, this.rate, this.#stream);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}
tf.serialization.registerClass(SeededDropout);
