/**
 * Auxiliary classification head on the TFT's last decoder state (the reference study's):
 * Dropout → Linear(h, h) → ReLU → Dropout → Linear(h, C), trained with cross-entropy
 * beside the forecast loss. Its labels come from the target of the last horizon step, on
 * the raw return scale ({@link directionLabels}); the head only shapes the shared
 * representation and is not read at prediction.
 */
import * as tf from "@tensorflow/tfjs";
import { applySeededDropout } from "../tf/dropout.ts";
import { KitLayer, type KitLayerArgs, type Kwargs } from "../tf/layers/base.ts";
import { dense } from "../tf/layers/linear.ts";
import type { SeededRandom } from "../tf/rng.ts";

export interface AuxiliaryHeadArgs extends KitLayerArgs {
  hiddenSize: number;
  classes: number;
  dropout: number;
}

export class AuxiliaryHead extends KitLayer {
  static className = "TftAuxiliaryHead";
  readonly hiddenSize: number;
  readonly classes: number;
  readonly dropout: number;
  #w: Record<string, tf.LayerVariable> = {};
  #streams: SeededRandom[];

  constructor(args: AuxiliaryHeadArgs) {
    super(args);
    this.hiddenSize = args.hiddenSize;
    this.classes = args.classes;
    this.dropout = args.dropout;
    this.#streams = [this.dropoutStream("input"), this.dropoutStream("hidden")];
  }

  protected createWeights(): void {
    const [h, c] = [this.hiddenSize, this.classes];
    const init = "torch-default" as const;
    this.#w = {
      hidden: this.weight({ name: "hidden_kernel", shape: [h, h], init, fanIn: h }),
      hiddenBias: this.weight({ name: "hidden_bias", shape: [h], init, fanIn: h }),
      output: this.weight({ name: "class_kernel", shape: [h, c], init, fanIn: h }),
      outputBias: this.weight({ name: "class_bias", shape: [c], init, fanIn: h }),
    };
  }

  /** Class logits [B, C] of the last decoder state of x [B, H, hidden]. */
  forward(x: tf.Tensor, training: boolean): tf.Tensor {
    const [batch, steps, size] = x.shape as number[];
    let last = tf.reshape(tf.slice(x, [0, steps - 1, 0], [batch, 1, size]), [batch, size]);
    if (training) last = applySeededDropout(last, this.dropout, this.#streams[0]);
    let hidden = tf.relu(dense(last, this.#w.hidden.read(), this.#w.hiddenBias.read()));
    if (training) hidden = applySeededDropout(hidden, this.dropout, this.#streams[1]);
    return dense(hidden, this.#w.output.read(), this.#w.outputBias.read());
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return this.forward(Array.isArray(inputs) ? inputs[0] : inputs, !!kwargs["training"]);
  }

  override computeOutputShape(inputShape: tf.Shape): tf.Shape {
    return [inputShape[0], this.classes];
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { hiddenSize, classes, dropout } = this;
    return { ...super.getConfig(), hiddenSize, classes, dropout };
  }
}
tf.serialization.registerClass(AuxiliaryHead);

/**
 * Class of each raw return: with `deadBand` 0, 0 = down (≤ 0), 1 = up; with a dead band,
 * 0 = down (< −band), 1 = flat, 2 = up (> band).
 */
export function directionLabels(raw: tf.Tensor, deadBand: number): tf.Tensor {
  return tf.tidy(() => {
    if (deadBand === 0) return tf.cast(tf.greater(raw, 0), "int32");
    const above = tf.cast(tf.greater(raw, deadBand), "int32");
    const notBelow = tf.cast(tf.greaterEqual(raw, -deadBand), "int32");
    return tf.add(above, notBelow);
  });
}

/** Mean softmax cross-entropy of logits [B, C] against integer labels [B]. */
export function crossEntropy(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const classes = logits.shape[1]!;
    const oneHot = tf.oneHot(labels as tf.Tensor1D, classes).toFloat();
    return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1))) as tf.Scalar;
  });
}
