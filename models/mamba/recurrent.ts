/**
 * Recurrent inference of a fitted `mamba` network: it carries each block's state (the last
 * d_conv − 1 convolution inputs and the SSM state) from bar to bar, so the forecast after a
 * new bar costs O(1) in the history length — one input projection, one `MambaBlock.step` per
 * block and the head — instead of a forward pass over the whole window.
 *
 * Fed the bars of a window from a zero state, the forecast after its last bar equals the
 * full-sequence forward on that window (tested), since the forward also starts from zero.
 */
import * as tf from "@tensorflow/tfjs";
import type { TargetScale } from "../tf/window_data.ts";
import type { MambaBlock, MambaState } from "./block.ts";
import { blockName, normName } from "./network.ts";

export class MambaStream {
  readonly #model: tf.LayersModel;
  readonly #scale: TargetScale;
  readonly #blocks: { norm: tf.layers.Layer; block: MambaBlock }[];
  readonly #features: number;
  #states: MambaState[];
  #bars = 0;

  /** `model` is a fitted `mamba` network (see `network.ts`); `scale` its target scale. */
  constructor(model: tf.LayersModel, scale: TargetScale) {
    this.#model = model;
    this.#scale = scale;
    this.#features = model.inputs[0].shape[2] as number;
    const count = model.layers.filter((l) => l.getClassName() === "MambaBlock").length;
    this.#blocks = Array.from({ length: count }, (_, k) => ({
      norm: model.getLayer(normName(k + 1)),
      block: model.getLayer(blockName(k + 1)) as MambaBlock,
    }));
    this.#states = this.#blocks.map(({ block }) => block.initialState(1));
  }

  /** Bars consumed since the stream started. */
  get bars(): number {
    return this.#bars;
  }

  /**
   * Consumes one bar of past features (the fold's scaled `past` row, in its column order)
   * and returns the forecast of the next `horizon` raw returns made at that bar.
   */
  push(bar: ArrayLike<number>): Float32Array {
    if (bar.length !== this.#features) {
      throw new Error(
        `mamba recurrent stream: a bar has ${bar.length} past features; ` +
          `the model was fitted on ${this.#features}`,
      );
    }
    if (this.#states.length !== this.#blocks.length) {
      throw new Error("mamba recurrent stream: used after dispose(); open a new stream");
    }
    for (let i = 0; i < bar.length; i++) {
      if (!Number.isFinite(bar[i])) {
        throw new Error(
          `mamba recurrent stream: past feature ${i} of bar ${this.#bars} is ${bar[i]}`,
        );
      }
    }
    const apply = (name: string, x: tf.Tensor) =>
      this.#model.getLayer(name).apply(x, { training: false }) as tf.Tensor;
    const states: MambaState[] = [];
    const output = tf.tidy(() => {
      let x = apply("input_proj", tf.tensor2d(Float32Array.from(bar), [1, this.#features]));
      this.#blocks.forEach(({ norm, block }, k) => {
        const normed = norm.apply(x) as tf.Tensor2D;
        const next = block.step(normed, this.#states[k]);
        tf.keep(next.state.conv);
        tf.keep(next.state.ssm);
        states.push(next.state);
        x = tf.add(x, next.output);
      });
      return apply("head", apply("final_norm", x));
    });
    tf.dispose(this.#states.flatMap((s) => [s.conv, s.ssm]));
    this.#states = states;
    this.#bars++;
    const raw = output.dataSync() as Float32Array;
    output.dispose();
    return raw.map((v) => v * this.#scale.std + this.#scale.mean);
  }

  /** Back to the zero state. */
  reset(): void {
    tf.dispose(this.#states.flatMap((s) => [s.conv, s.ssm]));
    this.#states = this.#blocks.map(({ block }) => block.initialState(1));
    this.#bars = 0;
  }

  dispose(): void {
    tf.dispose(this.#states.flatMap((s) => [s.conv, s.ssm]));
    this.#states = [];
  }
}
