/**
 * Training losses. Each takes the target [b, H] and the raw network output ([b, H] or, for
 * the quantile loss, [b, H, Q]) and returns the mean loss over the batch as a scalar.
 *
 * - `quantile`: pinball loss as pytorch-forecasting's `QuantileLoss`, i.e. 2 · max(q·e, (q−1)·e)
 *   with e = y − ŷ_q, averaged over batch, horizon and quantiles (the 2 makes q = 0.5 equal
 *   the absolute error).
 * - `mse`: mean squared error. A [b, H, 1] output is read as [b, H].
 * - `mse-variance`: mse + w · mean_h (std_b(y) − std_b(ŷ))₊². Stds are taken over the batch
 *   per horizon step. Only a prediction spread *below* the target's is penalised, so the term
 *   pushes against collapse onto a constant without rewarding noise beyond the target's own
 *   spread, and it is in the same units as the mse (squared returns), so w ≈ 1 weighs them
 *   alike. A −log var(ŷ) penalty was rejected: it is unbounded below and rewards any spread.
 */
import * as tf from "@tensorflow/tfjs";
import { type AntiCollapseConfig, type PointSpace, withAntiCollapse } from "./anti_collapse.ts";

export type LossName = "quantile" | "mse" | "mse-variance";
export const LOSS_NAMES: readonly LossName[] = ["quantile", "mse", "mse-variance"];
export const DEFAULT_QUANTILES: readonly number[] = [0.1, 0.5, 0.9];

export interface LossConfig {
  name: LossName;
  /** Quantile levels for `quantile` (default 0.1, 0.5, 0.9), strictly increasing in (0, 1). */
  quantiles?: number[];
  /** Weight of the variance penalty for `mse-variance` (default 1). */
  varianceWeight?: number;
  /** Penalties against collapsed forecasts, added to the loss (`anti_collapse.ts`). */
  antiCollapse?: AntiCollapseConfig;
}

export type LossFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

function checkQuantiles(quantiles: number[]): void {
  if (quantiles.length === 0) throw new Error("quantile loss: quantiles must not be empty");
  quantiles.forEach((q, i) => {
    if (!(q > 0 && q < 1)) {
      throw new Error(`quantile loss: quantiles[${i}] = ${q} is not in (0, 1)`);
    }
    if (i > 0 && q <= quantiles[i - 1]) {
      throw new Error(
        `quantile loss: quantiles must increase strictly, got ${quantiles.join(", ")}`,
      );
    }
  });
}

/** [b, H] point predictions, accepting a trailing singleton axis. */
function asMatrix(yTrue: tf.Tensor, yPred: tf.Tensor, loss: string): tf.Tensor {
  const pred = yPred.rank === 3 && yPred.shape[2] === 1 ? yPred.squeeze([2]) : yPred;
  if (pred.rank !== 2 || pred.shape[0] !== yTrue.shape[0] || pred.shape[1] !== yTrue.shape[1]) {
    throw new Error(
      `${loss} loss: prediction shape [${yPred.shape}] does not match target [${yTrue.shape}]`,
    );
  }
  return pred;
}

function mse(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.square(tf.sub(yTrue, asMatrix(yTrue, yPred, "mse")))));
}

function quantileLoss(quantiles: number[]): LossFunction {
  checkQuantiles(quantiles);
  return (yTrue, yPred) =>
    tf.tidy(() => {
      if (yPred.rank !== 3 || yPred.shape[2] !== quantiles.length) {
        throw new Error(
          `quantile loss: prediction shape [${yPred.shape}] must be [batch, horizon, ${quantiles.length}]`,
        );
      }
      const levels = tf.tensor1d(quantiles);
      const errors = tf.sub(tf.expandDims(yTrue, 2), yPred);
      const pinball = tf.maximum(tf.mul(levels, errors), tf.mul(tf.sub(levels, 1), errors));
      return tf.mul(tf.mean(pinball), 2) as tf.Scalar;
    });
}

function mseVariance(weight: number): LossFunction {
  if (!(Number.isFinite(weight) && weight >= 0)) {
    throw new Error(
      `mse-variance loss: varianceWeight must be a finite number >= 0, got ${weight}`,
    );
  }
  return (yTrue, yPred) =>
    tf.tidy(() => {
      const pred = asMatrix(yTrue, yPred, "mse-variance");
      const std = (x: tf.Tensor) => tf.sqrt(tf.add(tf.moments(x, 0).variance, 1e-12));
      const shortfall = tf.relu(tf.sub(std(yTrue), std(pred)));
      return tf.add(mse(yTrue, pred), tf.mul(weight, tf.mean(tf.square(shortfall)))) as tf.Scalar;
    });
}

/**
 * The loss of `config`; with `antiCollapse` its penalties are added, reading the point
 * forecast and the zero return where `space` says (default: index 0, zero at 0).
 */
export function makeLoss(
  config: LossConfig,
  space: PointSpace = { pointIndex: 0, zero: 0 },
): LossFunction {
  const base = baseLoss(config);
  return config.antiCollapse ? withAntiCollapse(base, config.antiCollapse, space) : base;
}

function baseLoss(config: LossConfig): LossFunction {
  switch (config.name) {
    case "mse":
      return mse;
    case "quantile":
      return quantileLoss(config.quantiles ?? [...DEFAULT_QUANTILES]);
    case "mse-variance":
      return mseVariance(config.varianceWeight ?? 1);
    default:
      throw new Error(
        `unknown loss "${(config as { name: string }).name}"; known: ${LOSS_NAMES.join(", ")}`,
      );
  }
}
