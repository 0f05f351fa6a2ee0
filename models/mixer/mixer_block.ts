/**
 * One TSMixer residual block (Chen et al. 2023, google-research/tsmixer `res_block`), as a
 * tfjs layer on [batch, L, C] windows:
 *
 *   time mixing:    r = x + Dropout(ReLU(Dense_L(LayerNorm(x)ᵀ))ᵀ)   (one MLP across time,
 *                   shared by every channel)
 *   feature mixing: y = r + Dropout(Dense_C(Dropout(ReLU(Dense_ff(LayerNorm(r))))))
 *                   (one MLP across channels, shared by every time step)
 *
 * The layer norms normalise each window over both its axes, as the reference's
 * `LayerNormalization(axis=[-2, -1])`, with γ and β of shape [L, C]. Dense weights start as
 * Keras' Glorot uniform from a seeded stream; dropout draws from its own seeded stream.
 */
import * as tf from "@tensorflow/tfjs";
import { applySeededDropout, checkDropoutRate } from "../tf/dropout.ts";
import { SeededRandom } from "../tf/rng.ts";

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

export interface MixerBlockArgs extends LayerArgs {
  /** Window length L. */
  length: number;
  /** Channels C. */
  channels: number;
  /** Hidden width of the feature MLP. */
  ffDim: number;
  dropout: number;
  seed: number;
}

const WEIGHTS = [
  "norm1Gamma",
  "norm1Beta",
  "timeKernel",
  "timeBias",
  "norm2Gamma",
  "norm2Beta",
  "ffKernel",
  "ffBias",
  "outKernel",
  "outBias",
] as const;
type WeightName = (typeof WEIGHTS)[number];

/** Keras' Glorot uniform from a seeded stream, [fanIn, fanOut]. */
export function glorot(rng: SeededRandom, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return Float32Array.from({ length: fanIn * fanOut }, () => (2 * rng.next() - 1) * limit);
}

/** Layer norm of each [L, C] window over both axes (ε = 1e-3, Keras' default). */
export function windowNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, [1, 2], true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-3))), gamma), beta);
}

export class MixerBlock extends tf.layers.Layer {
  static className = "TsMixerBlock";
  readonly length: number;
  readonly channels: number;
  readonly ffDim: number;
  readonly dropout: number;
  readonly seed: number;
  #w = {} as Record<WeightName, tf.LayerVariable>;
  #dropoutStream: SeededRandom;

  constructor(args: MixerBlockArgs) {
    super(args);
    for (const name of ["length", "channels", "ffDim"] as const) {
      if (!Number.isInteger(args[name]) || args[name] < 1) {
        throw new Error(
          `TsMixerBlock ${this.name}: ${name} must be a positive integer, got ${args[name]}`,
        );
      }
    }
    checkDropoutRate(args.dropout, `TsMixerBlock ${this.name}`);
    this.length = args.length;
    this.channels = args.channels;
    this.ffDim = args.ffDim;
    this.dropout = args.dropout;
    this.seed = args.seed;
    this.#dropoutStream = new SeededRandom(args.seed + 1);
  }

  override build(): void {
    const [l, c, ff] = [this.length, this.channels, this.ffDim];
    const rng = new SeededRandom(this.seed);
    const values: Record<WeightName, [number[], Float32Array]> = {
      norm1Gamma: [[l, c], new Float32Array(l * c).fill(1)],
      norm1Beta: [[l, c], new Float32Array(l * c)],
      timeKernel: [[l, l], glorot(rng, l, l)],
      timeBias: [[l], new Float32Array(l)],
      norm2Gamma: [[l, c], new Float32Array(l * c).fill(1)],
      norm2Beta: [[l, c], new Float32Array(l * c)],
      ffKernel: [[c, ff], glorot(rng, c, ff)],
      ffBias: [[ff], new Float32Array(ff)],
      outKernel: [[ff, c], glorot(rng, ff, c)],
      outBias: [[c], new Float32Array(c)],
    };
    for (const name of WEIGHTS) {
      const [shape, init] = values[name];
      this.#w[name] = this.addWeight(name, shape, "float32", tf.initializers.zeros());
      const initial = tf.tensor(init, shape);
      this.#w[name].write(initial); // write copies: the initial tensor is ours to dispose
      initial.dispose();
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean } = {}): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const w = Object.fromEntries(WEIGHTS.map((n) => [n, this.#w[n].read()])) as Record<
        WeightName,
        tf.Tensor
      >;
      const drop = (t: tf.Tensor) =>
        kwargs.training ? applySeededDropout(t, this.dropout, this.#dropoutStream) : t;
      const [b, l, c] = x.shape;
      // Time mixing: rows are (sample, channel) pairs, one rank-2 matmul over time.
      const normed = tf.transpose(windowNorm(x, w.norm1Gamma, w.norm1Beta), [0, 2, 1]);
      const mixed = tf.relu(
        tf.add(tf.matMul(tf.reshape(normed, [b * c, l]), w.timeKernel), w.timeBias),
      );
      const residual = tf.add(x, drop(tf.transpose(tf.reshape(mixed, [b, c, l]), [0, 2, 1])));
      // Feature mixing: rows are (sample, step) pairs.
      const rows = tf.reshape(windowNorm(residual, w.norm2Gamma, w.norm2Beta), [b * l, c]);
      const hidden = drop(tf.relu(tf.add(tf.matMul(rows, w.ffKernel), w.ffBias)));
      const out = drop(tf.add(tf.matMul(hidden, w.outKernel), w.outBias));
      return tf.add(residual, tf.reshape(out, [b, l, c]));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      length: this.length,
      channels: this.channels,
      ffDim: this.ffDim,
      dropout: this.dropout,
      seed: this.seed,
    };
  }
}
tf.serialization.registerClass(MixerBlock);
