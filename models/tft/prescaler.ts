/**
 * The prescalers of pytorch-forecasting's TFT: each real input variable gets one
 * Linear(1, hidden_continuous) that lifts the scalar to a vector before variable
 * selection. One bank holds them for all variables, ordered static, past, known; a known
 * variable's prescaler is shared by the encoder and decoder selection networks, as in
 * pytorch-forecasting. Init as torch's nn.Linear(1, ·): U(−1, 1) for weight and bias.
 */
import * as tf from "@tensorflow/tfjs";
import { KitLayer, type KitLayerArgs, type Kwargs } from "../tf/layers/base.ts";

export interface PrescalerArgs extends KitLayerArgs {
  variables: number;
  size: number;
}

/** The prescalers of a contiguous run of variables: weight and bias, each [count, size]. */
export interface Prescale {
  weight: tf.Tensor;
  bias: tf.Tensor;
}

export class PrescalerBank extends KitLayer {
  static className = "TftPrescalerBank";
  readonly variables: number;
  readonly size: number;
  #weight!: tf.LayerVariable;
  #bias!: tf.LayerVariable;

  constructor(args: PrescalerArgs) {
    super(args);
    this.variables = args.variables;
    this.size = args.size;
  }

  protected createWeights(): void {
    const shape = [this.variables, this.size];
    this.#weight = this.weight({ name: "weight", shape, init: "torch-default", fanIn: 1 });
    this.#bias = this.weight({ name: "bias", shape, init: "torch-default", fanIn: 1 });
  }

  /** Prescalers of variables start..start+count-1. */
  select(start: number, count: number): Prescale {
    const take = (w: tf.LayerVariable) =>
      start === 0 && count === this.variables
        ? w.read()
        : tf.slice(w.read(), [start, 0], [count, this.size]);
    return { weight: take(this.#weight), bias: take(this.#bias) };
  }

  /** x [..., count] → embeddings [..., count, size]. */
  static embed(x: tf.Tensor, prescale: Prescale): tf.Tensor {
    return tf.add(tf.mul(tf.expandDims(x, -1), prescale.weight), prescale.bias);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return PrescalerBank.embed(x, this.select(0, this.variables));
  }

  override computeOutputShape(inputShape: tf.Shape): tf.Shape {
    return [...inputShape, this.size];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), variables: this.variables, size: this.size };
  }
}
tf.serialization.registerClass(PrescalerBank);
