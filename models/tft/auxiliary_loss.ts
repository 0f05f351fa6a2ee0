/**
 * The TFT's extra training loss terms, from one training forward pass: the mixture
 * output's load-balancing term (learned routing) and the auxiliary head's cross-entropy
 * against labels from the raw return of the last horizon step (direction), or the batch's
 * training-only labels (volatility regime, `vol_regime_labels.ts`). Added to the forecast loss
 * in training only; the validation loss (and so checkpointing) stays the forecast loss.
 */
import * as tf from "@tensorflow/tfjs";
import { crossEntropy, directionLabels } from "./auxiliary_head.ts";
import { loadBalance } from "./expert_output.ts";
import type { TftForward } from "./network_types.ts";

export interface TftLossTerms {
  /** λ of the load-balancing term (0 = none). */
  balanceWeight: number;
  /**
   * The auxiliary head's weight and dead band (0 = two classes), or null; `fromLabels`:
   * its labels are the batch's training-only labels (volatility regime), not the target.
   */
  auxiliary: { weight: number; deadBand: number; fromLabels?: boolean } | null;
}

export function hasLossTerms(terms: TftLossTerms): boolean {
  return terms.balanceWeight > 0 || (terms.auxiliary?.weight ?? 0) > 0;
}

/** Labels of the auxiliary head from [B, H] targets in training space. */
export function auxiliaryLabels(
  target: tf.Tensor,
  scale: { mean: number; std: number },
  deadBand: number,
): tf.Tensor {
  return tf.tidy(() => {
    const [batch, steps] = target.shape as number[];
    const last = tf.reshape(tf.slice(target, [0, steps - 1], [batch, 1]), [batch]);
    return directionLabels(tf.add(tf.mul(last, scale.std), scale.mean), deadBand);
  });
}

export function tftAuxiliaryLoss(
  forward: TftForward,
  target: tf.Tensor,
  scale: { mean: number; std: number },
  terms: TftLossTerms,
  labels?: tf.Tensor,
): tf.Scalar | null {
  const parts: tf.Tensor[] = [];
  if (forward.routing && terms.balanceWeight > 0) {
    parts.push(tf.mul(loadBalance(forward.routing), terms.balanceWeight));
  }
  const aux = terms.auxiliary;
  if (forward.auxiliaryLogits && aux && aux.weight > 0) {
    if (aux.fromLabels && !labels) {
      throw new Error(
        "tft auxiliaryHead: the volatility-regime head got no labels with the batch; train it " +
          "through the shell, whose fit builds them from the fold's label series",
      );
    }
    const classes = aux.fromLabels
      ? tf.cast(labels!, "int32")
      : auxiliaryLabels(target, scale, aux.deadBand);
    parts.push(tf.mul(crossEntropy(forward.auxiliaryLogits, classes), aux.weight));
  }
  if (parts.length === 0) return null;
  return (parts.length === 1 ? parts[0] : tf.addN(parts)) as tf.Scalar;
}
