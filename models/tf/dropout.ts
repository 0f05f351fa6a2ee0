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
import { heapTensor } from "./wasm_heap.ts";

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
// deno-lint-ignore no-explicit-any
type Kwargs = { [key: string]: any };

/**
 * Inverted dropout of `x` with the next mask of `stream` (kept units scaled by 1/(1-rate)).
 * Shared by {@link SeededDropout} and layers with internal dropout (attention weights).
 */
export function applySeededDropout(x: tf.Tensor, rate: number, stream: SeededRandom): tf.Tensor {
  if (rate === 0) return x;
  return tf.tidy(() => tf.mul(x, seededDropoutMaskTensor(x.shape, rate, stream)));
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
  checkDropoutRate(rate, "seededDropoutMask");
  return fillMask(new Float32Array(shape.reduce((a, b) => a * b, 1)), rate, stream);
}

/**
 * {@link seededDropoutMask} as a tensor. On wasm it is written straight into the backend's
 * memory: a fresh array of millions of values (an attention-weight mask) costs more in
 * page faults and the copy onto the heap than drawing it.
 */
export function seededDropoutMaskTensor(
  shape: number[],
  rate: number,
  stream: SeededRandom,
): tf.Tensor {
  if (tf.getBackend() !== "wasm") {
    return tf.tensor(seededDropoutMask(shape, rate, stream), shape, "float32");
  }
  checkDropoutRate(rate, "seededDropoutMaskTensor");
  return heapTensor(shape, (values) => fillMask(values, rate, stream));
}

/** Writes the next mask of `stream` into `mask`; returns it. */
function fillMask(mask: Float32Array, rate: number, stream: SeededRandom): Float32Array {
  const scale = 1 / (1 - rate);
  // The words are drawn into the mask's own memory, then each replaced by its mask value.
  // `next()` is word / 2^32, so `next() >= rate` is `word >= rate · 2^32` (an exact product),
  // and for an integer word `word >= ⌈rate · 2^32⌉`; read as int32 with the top bit flipped,
  // `word − 2^31 >= ⌈rate · 2^32⌉ − 2^31` (integers, exact), which V8 compares without boxing
  // words above 2^31, and the select is a product, with no branch to mispredict: 3–4× faster
  // than a draw per value.
  const [buffer, offset, length] = [mask.buffer, mask.byteOffset, mask.length];
  stream.fillUint32(new Uint32Array(buffer, offset, length));
  const words = new Int32Array(buffer, offset, length);
  const threshold = Math.ceil(rate * 2 ** 32) - 2 ** 31;
  for (let i = 0; i < length; i++) mask[i] = scale * +((words[i] ^ 0x80000000) >= threshold);
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
