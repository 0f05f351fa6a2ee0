/**
 * A multi-layer LSTM with torch's `nn.LSTM` semantics (batch first): gates i, f, g, o;
 * two bias vectors (input and recurrent, as torch, so parameter counts match); all
 * weights U(±1/√hidden); dropout between layers, not after the last. Starts from a given
 * state and returns the final state, so the TFT's decoder continues from its encoder.
 *
 * For wasm, the input projection of all time steps is one matmul, and the recurrence is one
 * op with a hand-written backward pass ({@link lstmSequence}).
 */
import * as tf from "@tensorflow/tfjs";
import { applySeededDropout } from "../dropout.ts";
import type { SeededRandom } from "../rng.ts";
import { KitLayer, type KitLayerArgs, type Kwargs } from "./base.ts";
import { dense } from "./linear.ts";
import { lstmSequence } from "./lstm_sequence.ts";

export interface LstmArgs extends KitLayerArgs {
  inputSize: number;
  hiddenSize: number;
  layers: number;
  dropout: number;
}

/** Per-layer states, each [B, hidden]. */
export interface LstmState {
  h: tf.Tensor[];
  c: tf.Tensor[];
}

interface LayerWeights {
  input: tf.LayerVariable;
  recurrent: tf.LayerVariable;
  inputBias: tf.LayerVariable;
  recurrentBias: tf.LayerVariable;
}

export class TorchLstm extends KitLayer {
  /** The name saved models carry (kept from when this layer lived in models/tft/). */
  static className = "TftLstm";
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly layers: number;
  readonly dropout: number;
  #weights: LayerWeights[] = [];
  #streams: SeededRandom[] = [];

  constructor(args: LstmArgs) {
    super(args);
    this.inputSize = args.inputSize;
    this.hiddenSize = args.hiddenSize;
    this.layers = args.layers;
    this.dropout = args.dropout;
    for (let l = 0; l + 1 < this.layers; l++) this.#streams.push(this.dropoutStream(`layer${l}`));
  }

  protected createWeights(): void {
    const h = this.hiddenSize;
    const init = "torch-default" as const;
    for (let l = 0; l < this.layers; l++) {
      const inSize = l === 0 ? this.inputSize : h;
      this.#weights.push({
        input: this.weight({ name: `l${l}_input_kernel`, shape: [inSize, 4 * h], init, fanIn: h }),
        recurrent: this.weight({ name: `l${l}_recurrent_kernel`, shape: [h, 4 * h], init }),
        inputBias: this.weight({ name: `l${l}_input_bias`, shape: [4 * h], init, fanIn: h }),
        recurrentBias: this.weight({
          name: `l${l}_recurrent_bias`,
          shape: [4 * h],
          init,
          fanIn: h,
        }),
      });
    }
  }

  /** x [B, T, in] from `state` → outputs [B, T, hidden] of the last layer and final state. */
  forward(
    x: tf.Tensor,
    state: LstmState,
    training: boolean,
  ): { output: tf.Tensor; state: LstmState } {
    let sequence = tf.transpose(x, [1, 0, 2]); // [T, B, in]: step slices are contiguous
    const final: LstmState = { h: [], c: [] };
    for (let l = 0; l < this.layers; l++) {
      const w = this.#weights[l];
      const bias = tf.add(w.inputBias.read(), w.recurrentBias.read());
      const projected = dense(sequence, w.input.read(), bias); // [T, B, 4·hidden]
      const run = lstmSequence(projected, state.h[l], state.c[l], w.recurrent.read());
      final.h.push(run.h);
      final.c.push(run.c);
      sequence = run.hidden; // [T, B, hidden]
      if (training && l + 1 < this.layers) {
        sequence = applySeededDropout(sequence, this.dropout, this.#streams[l]);
      }
    }
    return { output: tf.transpose(sequence, [1, 0, 2]), state: final };
  }

  /** inputs: [x, h0, c0] with h0/c0 [layers, B, hidden]; returns the output sequence. */
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const [x, h0, c0] = inputs as tf.Tensor[];
    const state = { h: tf.unstack(h0), c: tf.unstack(c0) };
    return this.forward(x, state, !!kwargs["training"]).output;
  }

  override computeOutputShape(inputShape: tf.Shape[]): tf.Shape {
    return [...inputShape[0].slice(0, -1), this.hiddenSize];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      inputSize: this.inputSize,
      hiddenSize: this.hiddenSize,
      layers: this.layers,
      dropout: this.dropout,
    };
  }
}
tf.serialization.registerClass(TorchLstm);
