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
 * The layer owns the weights and draws the dropout masks; forward and backward run as one
 * hand-differentiated op (`fused_block.ts`), tested against autodiff of this formula.
 */
import * as tf from "@tensorflow/tfjs";
import { checkDropoutRate, seededDropoutMaskTensor } from "../tf/dropout.ts";
import { SeededRandom } from "../tf/rng.ts";
import {
  BLOCK_WEIGHTS as WEIGHTS,
  type BlockMasks,
  type BlockWeightName as WeightName,
  type BlockWeights,
  fusedMixerBlock,
} from "./fused_block.ts";

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

/** Keras' Glorot uniform from a seeded stream, [fanIn, fanOut]. */
export function glorot(rng: SeededRandom, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return Float32Array.from({ length: fanIn * fanOut }, () => (2 * rng.next() - 1) * limit);
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
      const w = Object.fromEntries(WEIGHTS.map((n) => [n, this.#w[n].read()])) as BlockWeights;
      return fusedMixerBlock(x, w, kwargs.training ? this.#masks(x.shape) : null);
    });
  }

  /** The next dropout masks, drawn in the order time, hidden, out (null at rate 0). */
  #masks([b, l, c]: number[]): BlockMasks | null {
    if (this.dropout === 0) return null;
    const draw = (shape: number[]) =>
      seededDropoutMaskTensor(shape, this.dropout, this.#dropoutStream);
    return {
      time: draw([b, l, c]),
      hidden: draw([b * l, this.ffDim]),
      out: draw([b * l, c]),
    };
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
