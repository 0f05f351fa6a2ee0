/**
 * Common base of the kit's composite layers (the GRN family, the torch-semantics LSTM, the
 * TFT's attention and the TFT itself). Each is a tfjs-layers `Layer` (with `className`,
 * `getConfig` and registration) whose sizes come from its config, so it can build its
 * weights without waiting for an input shape. Composite layers own child layers:
 *
 * - a child's weights are named `<scope><child>/<weight>` and listed in the parent's
 *   `trainableWeights`, so a model holding only the root layer saves and restores all of
 *   them by stable names (never tfjs's per-process counters);
 * - a child's seed is derived from the parent's seed and the child's label, and every
 *   weight and dropout stream from its layer's seed and its own name.
 *
 * Forward passes go through typed `forward` methods rather than `apply`, which would add
 * symbolic bookkeeping to every call of every sub-layer.
 */
import * as tf from "@tensorflow/tfjs";
import { SeededRandom, seedFrom } from "../rng.ts";
import { initialValue, type WeightSpec } from "./init.ts";

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
// deno-lint-ignore no-explicit-any
export type Kwargs = { [key: string]: any };

export interface KitLayerArgs extends LayerArgs {
  name: string;
  /** Seed of this layer's weights and dropout masks. */
  seed: number;
  /** Prefix of this layer's weight names inside a composite model ("" at the root). */
  scope?: string;
}

export abstract class KitLayer extends tf.layers.Layer {
  readonly seed: number;
  readonly scope: string;
  #children: KitLayer[] = [];
  #constants = new Map<string, tf.Tensor>();

  constructor(args: KitLayerArgs) {
    super(args);
    this.seed = args.seed;
    this.scope = args.scope ?? "";
  }

  /** Creates this layer's own weights (children build themselves). */
  protected abstract createWeights(): void;

  /** Registers a child layer built (and disposed) with this one. */
  protected child<T extends KitLayer>(
    label: string,
    make: (args: { name: string; seed: number; scope: string }) => T,
  ): T {
    const layer = make({
      name: `${this.name}/${label}`,
      seed: seedFrom(this.seed, label),
      scope: `${this.scope}${label}/`,
    });
    this.#children.push(layer);
    return layer;
  }

  /** Adds a trainable weight named `<scope><name>`, seeded by this layer's seed and the name. */
  protected weight(spec: WeightSpec): tf.LayerVariable {
    const name = `${this.scope}${spec.name}`;
    const weight = this.addWeight(name, spec.shape, "float32", tf.initializers.zeros());
    if (spec.init !== "zeros") {
      const value = initialValue({ ...spec, name }, this.seed);
      weight.write(value);
      value.dispose();
    }
    return weight;
  }

  /** A fresh dropout stream; each dropout site owns one. */
  protected dropoutStream(label: string): SeededRandom {
    return new SeededRandom(seedFrom(this.seed, "dropout", label));
  }

  /** A constant tensor created once and kept until the layer's weights are disposed. */
  protected constant(key: string, make: () => tf.Tensor): tf.Tensor {
    let value = this.#constants.get(key);
    if (!value) {
      value = tf.keep(tf.tidy(make));
      this.#constants.set(key, value);
    }
    return value;
  }

  override build(_inputShape: tf.Shape | tf.Shape[]): void {
    if (this.built) return;
    this.createWeights();
    for (const layer of this.#children) layer.build(_inputShape);
    this.built = true;
  }

  override get trainableWeights(): tf.LayerVariable[] {
    return [...super.trainableWeights, ...this.#children.flatMap((c) => c.trainableWeights)];
  }

  override set trainableWeights(weights: tf.LayerVariable[]) {
    super.trainableWeights = weights;
  }

  override get nonTrainableWeights(): tf.LayerVariable[] {
    return [...super.nonTrainableWeights, ...this.#children.flatMap((c) => c.nonTrainableWeights)];
  }

  override set nonTrainableWeights(weights: tf.LayerVariable[]) {
    super.nonTrainableWeights = weights;
  }

  protected override disposeWeights(): number {
    this.releaseConstants();
    return super.disposeWeights();
  }

  private releaseConstants(): void {
    for (const value of this.#constants.values()) value.dispose();
    this.#constants.clear();
    for (const layer of this.#children) layer.releaseConstants();
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), seed: this.seed, scope: this.scope };
  }
}
