/**
 * `SeriesEmbedding`: a learned per-series vector appended to every time step of a window, the
 * static-feature path of TSMixer-Ext (Chen et al. 2023, "TSMixer with auxiliary information":
 * static features are broadcast over time and concatenated with the time-varying features, so
 * every feature-mixing MLP mixes them with each step's features). Here the one static feature
 * is categorical, the series' id, so its projection is an embedding table; a tfjs layer
 * (className, getConfig, registerClass) on [window [batch, L, C], static [batch, S]]:
 *
 *   e = onehot(static[:, column], vocabulary) · E        E: [vocabulary, dim] → [batch, dim]
 *   y = [window ‖ e repeated over the L steps]           → [batch, L, C + dim]
 *
 * The one-hot product is the embedding lookup written as a matmul: its gradient is a matmul
 * too (wasm has no kernel for the gradient of `gather`). An id outside [0, vocabulary) gets a
 * zero vector. The table starts as Keras' Glorot uniform from a seeded stream, so different
 * ids start at different vectors.
 */
import * as tf from "@tensorflow/tfjs";
import type { Fold } from "../contract.ts";
import { SeededRandom } from "../tf/rng.ts";
import { glorot } from "./mixer_block.ts";

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** The static column the panel view writes a constituent's id into (models/fusion/panel_view.ts). */
export const SERIES_COLUMN = "series";

export interface SeriesEmbeddingArgs extends LayerArgs {
  /** Column of the static input holding the series id. */
  column: number;
  /** Number of ids (series); the table has one row per id. */
  vocabulary: number;
  /** Embedding width: channels appended to the window. */
  dim: number;
  seed: number;
}

const shapes = (shape: tf.Shape | tf.Shape[]) => shape as tf.Shape[];

export class SeriesEmbedding extends tf.layers.Layer {
  static className = "TsMixerSeriesEmbedding";
  readonly column: number;
  readonly vocabulary: number;
  readonly dim: number;
  readonly seed: number;
  #table: tf.LayerVariable | null = null;

  constructor(args: SeriesEmbeddingArgs) {
    super(args);
    this.column = args.column;
    this.vocabulary = args.vocabulary;
    this.dim = args.dim;
    this.seed = args.seed;
  }

  override build(shape: tf.Shape | tf.Shape[]): void {
    const [, statics] = shapes(shape);
    if (!(this.column < (statics[1] ?? 0))) {
      throw new Error(
        `${this.name}: static column ${this.column} is outside the ${statics[1]} static inputs`,
      );
    }
    const dims = [this.vocabulary, this.dim];
    this.#table = this.addWeight("table", dims, "float32", tf.initializers.zeros());
    const initial = tf.tensor(glorot(new SeededRandom(this.seed), this.vocabulary, this.dim), dims);
    this.#table.write(initial); // write copies: the initial tensor is ours to dispose
    initial.dispose();
    this.built = true;
  }

  override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    const [window] = shapes(shape);
    return [window[0], window[1], (window[2] as number) + this.dim];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [window, statics] = inputs as [tf.Tensor3D, tf.Tensor2D];
      const [b, l] = window.shape;
      const ids = tf.cast(tf.reshape(statics.slice([0, this.column], [-1, 1]), [b]), "int32");
      const vectors = tf.matMul(tf.oneHot(ids, this.vocabulary), this.#table!.read()); // [b, d]
      const repeated = tf.tile(tf.reshape(vectors, [b, 1, this.dim]), [1, l, 1]);
      return tf.concat([window, repeated], 2);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      column: this.column,
      vocabulary: this.vocabulary,
      dim: this.dim,
      seed: this.seed,
    };
  }
}
tf.serialization.registerClass(SeriesEmbedding);

/**
 * Where a fold keeps its series id and how many ids there are: the static column `series`
 * holds non-negative integers (a constituent's position in the panel's member list, fixed
 * before any fold), and the vocabulary is the largest id + 1. Throws naming the kind and field.
 */
export function seriesIdsOf(kind: string, fold: Fold): { column: number; vocabulary: number } {
  const column = fold.staticNames.indexOf(SERIES_COLUMN);
  if (column < 0) {
    throw new Error(
      `${kind}: config field "seriesEmbedding" is set, but fold ${fold.id} has no static ` +
        `"${SERIES_COLUMN}" column; train it on a constituents panel view ` +
        '(split.panel-view with series: "constituents") or set seriesEmbedding to 0',
    );
  }
  const S = fold.static.cols;
  let largest = -1;
  for (let r = 0; r < fold.static.rows; r++) {
    const id = fold.static.values[r * S + column];
    if (!(Number.isInteger(id) && id >= 0)) {
      throw new Error(
        `${kind}: fold ${fold.id}: static "${SERIES_COLUMN}" is ${id} at row ${r}; ` +
          "series ids must be non-negative integers (a member's position in the panel)",
      );
    }
    if (id > largest) largest = id;
  }
  if (largest < 0) throw new Error(`${kind}: fold ${fold.id} has no rows to read series ids from`);
  return { column, vocabulary: largest + 1 };
}
