/**
 * The small layers around TSMixer blocks, each a tfjs layer (className, getConfig,
 * registerClass):
 *
 * - `WindowScale`: the last `length · every` bars of a [batch, L, C] window, averaged over
 *   groups of `every` bars — one scale of a multi-scale mixer (every = 1: the bars
 *   themselves; 5: weekly means of daily bars).
 * - `TargetHead`: the reference's temporal projection of the target channel,
 *   x[:, :, target] · W[L, H] + b → [batch, H].
 * - `ScaleGate`: a learned softmax over P paths' forecasts [batch, P, H] → [batch, H].
 * - `Revin` (reversible instance normalisation, Kim et al. 2022, without the affine part):
 *   mode "normalise" scales each window per channel by its own mean and std (statistics of
 *   that window only, so nothing from other windows or the future enters); mode "restore"
 *   takes [forecast, raw window] and maps the forecast back with the target channel's.
 */
import * as tf from "@tensorflow/tfjs";
import { SeededRandom } from "../tf/rng.ts";
import { glorot } from "./mixer_block.ts";

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
const first = (inputs: tf.Tensor | tf.Tensor[]) => (Array.isArray(inputs) ? inputs[0] : inputs);
const REVIN_EPSILON = 1e-5;

/**
 * Channel `channel` of x [B, L, C] as [B, L], by a matmul with a one-hot column: exact for
 * finite inputs, and on wasm ~10× faster than slicing the innermost axis (and its gradient,
 * a matmul too, than the slice's pad).
 */
export function pickChannel(x: tf.Tensor3D, channel: number): tf.Tensor2D {
  const [b, l, c] = x.shape;
  const oneHot = new Float32Array(c);
  oneHot[channel] = 1;
  const picked = tf.matMul(tf.reshape(x, [b * l, c]) as tf.Tensor2D, tf.tensor2d(oneHot, [c, 1]));
  return tf.reshape(picked, [b, l]) as tf.Tensor2D;
}

export class WindowScale extends tf.layers.Layer {
  static className = "TsMixerWindowScale";
  readonly length: number;
  readonly every: number;
  constructor(args: LayerArgs & { length: number; every: number }) {
    super(args);
    this.length = args.length;
    this.every = args.every;
  }
  override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape;
    return [s[0], this.length, s[2]];
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = first(inputs) as tf.Tensor3D;
      const [b, l, c] = x.shape;
      const span = this.length * this.every;
      if (span > l) {
        throw new Error(
          `${this.name}: needs ${span} bars (${this.length} × ${this.every}), the window has ${l}`,
        );
      }
      const tail = x.slice([0, l - span, 0], [-1, span, -1]);
      return this.every === 1
        ? tail
        : tf.mean(tf.reshape(tail, [b, this.length, this.every, c]), 2);
    });
  }
  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), length: this.length, every: this.every };
  }
}
tf.serialization.registerClass(WindowScale);

export class TargetHead extends tf.layers.Layer {
  static className = "TsMixerTargetHead";
  readonly target: number;
  readonly horizon: number;
  readonly seed: number;
  #kernel: tf.LayerVariable | null = null;
  #bias: tf.LayerVariable | null = null;
  constructor(args: LayerArgs & { target: number; horizon: number; seed: number }) {
    super(args);
    this.target = args.target;
    this.horizon = args.horizon;
    this.seed = args.seed;
  }
  override build(shape: tf.Shape | tf.Shape[]): void {
    const length = ((Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape)[1]!;
    this.#kernel = this.addWeight(
      "kernel",
      [length, this.horizon],
      "float32",
      tf.initializers.zeros(),
    );
    const initial = tf.tensor(glorot(new SeededRandom(this.seed), length, this.horizon), [
      length,
      this.horizon,
    ]);
    this.#kernel.write(initial); // write copies: the initial tensor is ours to dispose
    initial.dispose();
    this.#bias = this.addWeight("bias", [this.horizon], "float32", tf.initializers.zeros());
    this.built = true;
  }
  override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    return [((Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape)[0], this.horizon];
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const series = pickChannel(first(inputs) as tf.Tensor3D, this.target);
      return tf.add(tf.matMul(series, this.#kernel!.read()), this.#bias!.read());
    });
  }
  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), target: this.target, horizon: this.horizon, seed: this.seed };
  }
}
tf.serialization.registerClass(TargetHead);

export class ScaleGate extends tf.layers.Layer {
  static className = "TsMixerScaleGate";
  #logits: tf.LayerVariable | null = null;
  override build(shape: tf.Shape | tf.Shape[]): void {
    const paths = ((Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape)[1]!;
    this.#logits = this.addWeight("logits", [paths], "float32", tf.initializers.zeros());
    this.built = true;
  }
  override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape;
    return [s[0], s[2]];
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const weights = tf.reshape(tf.softmax(this.#logits!.read()), [1, -1, 1]);
      return tf.sum(tf.mul(first(inputs), weights), 1);
    });
  }
  /** The current mixing weight of each path. */
  pathWeights(): number[] {
    return Array.from(tf.tidy(() => tf.softmax(this.#logits!.read())).dataSync());
  }
}
tf.serialization.registerClass(ScaleGate);

export class Revin extends tf.layers.Layer {
  static className = "TsMixerRevin";
  readonly mode: "normalise" | "restore";
  readonly target: number;
  constructor(args: LayerArgs & { mode: "normalise" | "restore"; target: number }) {
    super(args);
    this.mode = args.mode;
    this.target = args.target;
  }
  override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape;
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      if (this.mode === "normalise") {
        // tf.moments' own steps, with x − mean computed once instead of twice.
        const centred = tf.sub(first(inputs), tf.mean(first(inputs), 1, true));
        const variance = tf.mean(tf.square(centred), 1, true);
        return tf.div(centred, tf.sqrt(tf.add(variance, REVIN_EPSILON)));
      }
      // The target channel's statistics only: [B, L] → [B, 1].
      const target = pickChannel((inputs as tf.Tensor[])[1] as tf.Tensor3D, this.target);
      const { mean, variance } = tf.moments(target, 1, true);
      return tf.add(tf.mul(first(inputs), tf.sqrt(tf.add(variance, REVIN_EPSILON))), mean);
    });
  }
  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), mode: this.mode, target: this.target };
  }
}
tf.serialization.registerClass(Revin);
