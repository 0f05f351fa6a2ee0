/**
 * `ConditionalHead`: the known-future head of the conditional TSMixer (Chen et al. 2023's
 * TSMixer with auxiliary information, as Darts' `TSMixerModel` mixes future covariates in),
 * a tfjs layer (className, getConfig, registerClass) on [mixed [batch, L, C], known
 * [batch, L_k + H, F]]:
 *
 *   p = (mixedᵀ · W_t[L, H] + b_t)ᵀ                   temporal projection → [batch, H, C]
 *   z = [p ‖ known[:, L_k:, :]]                        the H forecast steps' covariates, [batch, H, C + F]
 *   y = p[:, :, target] + ReLU(z · W_1 + b_1) · W_2 + b_2  feature mixing, a residual on the target → [batch, H]
 *
 * The covariates read are those of the forecast steps only (the last H rows of the known
 * window), which are known at the origin by construction (calendar features). Weights start
 * as Keras' Glorot uniform from a seeded stream.
 */
import * as tf from "@tensorflow/tfjs";
import { SeededRandom } from "../tf/rng.ts";
import { glorot } from "./mixer_block.ts";

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

export interface ConditionalHeadArgs extends LayerArgs {
  target: number;
  horizon: number;
  /** Hidden width of the conditional feature-mixing MLP. */
  ffDim: number;
  seed: number;
}

const shapes = (shape: tf.Shape | tf.Shape[]) => shape as tf.Shape[];

export class ConditionalHead extends tf.layers.Layer {
  static className = "TsMixerConditionalHead";
  readonly target: number;
  readonly horizon: number;
  readonly ffDim: number;
  readonly seed: number;
  #w: Record<string, tf.LayerVariable> = {};

  constructor(args: ConditionalHeadArgs) {
    super(args);
    this.target = args.target;
    this.horizon = args.horizon;
    this.ffDim = args.ffDim;
    this.seed = args.seed;
  }

  override build(shape: tf.Shape | tf.Shape[]): void {
    const [mixed, known] = shapes(shape);
    const [length, channels, covariates] = [mixed[1]!, mixed[2]!, known[2]!];
    const [h, ff] = [this.horizon, this.ffDim];
    const rng = new SeededRandom(this.seed);
    const values: Array<[string, number[], Float32Array]> = [
      ["timeKernel", [length, h], glorot(rng, length, h)],
      ["timeBias", [h], new Float32Array(h)],
      ["ffKernel", [channels + covariates, ff], glorot(rng, channels + covariates, ff)],
      ["ffBias", [ff], new Float32Array(ff)],
      ["outKernel", [ff, 1], glorot(rng, ff, 1)],
      ["outBias", [1], new Float32Array(1)],
    ];
    for (const [name, dims, init] of values) {
      this.#w[name] = this.addWeight(name, dims, "float32", tf.initializers.zeros());
      const initial = tf.tensor(init, dims);
      this.#w[name].write(initial); // write copies: the initial tensor is ours to dispose
      initial.dispose();
    }
    this.built = true;
  }

  override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    return [shapes(shape)[0][0], this.horizon];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [mixed, known] = inputs as [tf.Tensor3D, tf.Tensor3D];
      const w = Object.fromEntries(Object.entries(this.#w).map(([n, v]) => [n, v.read()]));
      const [b, l, c] = mixed.shape;
      const [h, f] = [this.horizon, known.shape[2]];
      if (known.shape[1] < h) {
        throw new Error(
          `${this.name}: the known window has ${known.shape[1]} rows, fewer than H = ${h}`,
        );
      }
      // Temporal projection of every channel: rows are (sample, channel) pairs.
      const rows = tf.reshape(tf.transpose(mixed, [0, 2, 1]), [b * c, l]);
      const projected = tf.transpose(
        tf.reshape(tf.add(tf.matMul(rows, w.timeKernel), w.timeBias), [b, c, h]),
        [0, 2, 1],
      ); // [b, H, C]
      const future = known.slice([0, known.shape[1] - h, 0], [-1, h, -1]);
      const z = tf.reshape(tf.concat([projected, future], 2), [b * h, c + f]);
      const hidden = tf.relu(tf.add(tf.matMul(z, w.ffKernel), w.ffBias));
      const correction = tf.reshape(tf.add(tf.matMul(hidden, w.outKernel), w.outBias), [b, h]);
      const base = tf.reshape(projected.slice([0, 0, this.target], [-1, -1, 1]), [b, h]);
      return tf.add(base, correction);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      target: this.target,
      horizon: this.horizon,
      ffDim: this.ffDim,
      seed: this.seed,
    };
  }
}
tf.serialization.registerClass(ConditionalHead);
