/**
 * Anti-collapse penalties added to a training loss, so they act in training (they are part
 * of the loss the optimiser differentiates, unlike the reference study's directional
 * penalty, which ran only outside training and never produced a gradient).
 *
 * Both read the point forecast ŷ [b, H] (the median quantile of a quantile output) in the
 * space the network trains in (standardised returns by default):
 *
 * - spread floor: `stdWeight · mean_h (stdFloor · std_b(y) − std_b(ŷ))₊²`. The floor is a
 *   fraction of the batch's target spread, so it means the same with or without target
 *   scaling; only a spread *below* the floor costs anything.
 * - directional balance: `balanceWeight · (mean tanh(k·(ŷ − z)) − mean tanh(k·(y − z)))²`
 *   with z the training-space value of a zero raw return and k `balanceSharpness`. The
 *   smoothed up-minus-down share of the forecasts is pulled toward that of the batch's
 *   targets (not toward 50/50, since up weeks are the majority), and tanh keeps it
 *   differentiable where a sign count is not.
 */
import * as tf from "@tensorflow/tfjs";
import type { LossFunction } from "./losses.ts";

export interface AntiCollapseConfig {
  /** Floor on the batch std of the forecasts, as a fraction of the batch std of the targets. */
  stdFloor: number;
  /** Weight of the spread-floor penalty (0 = off). */
  stdWeight: number;
  /** Weight of the directional-balance penalty (0 = off). */
  balanceWeight: number;
  /** k in tanh(k·ŷ): larger is closer to a sign count (in training-space units). */
  balanceSharpness: number;
}

/** Where the point forecast and a zero return lie in the network's output. */
export interface PointSpace {
  /** Index of the point forecast on a [b, H, Q] output's last axis. */
  pointIndex: number;
  /** The training-space value of a zero raw return (−mean/std with standardised targets). */
  zero: number;
}

function checkConfig(config: AntiCollapseConfig): void {
  for (const field of ["stdFloor", "stdWeight", "balanceWeight", "balanceSharpness"] as const) {
    const value = config[field];
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new Error(`antiCollapse.${field} must be a finite number >= 0, got ${value}`);
    }
  }
}

/** [b, H] point forecast of a [b, H] or [b, H, Q] output. */
export function pointForecast(yPred: tf.Tensor, pointIndex: number): tf.Tensor {
  if (yPred.rank !== 3) return yPred;
  const [b, h] = yPred.shape;
  return tf.reshape(tf.slice(yPred, [0, 0, pointIndex], [b, h, 1]), [b, h]);
}

/** The spread-floor penalty on [b, H] targets and point forecasts. */
export function spreadPenalty(yTrue: tf.Tensor, point: tf.Tensor, floor: number): tf.Scalar {
  return tf.tidy(() => {
    const std = (x: tf.Tensor) => tf.sqrt(tf.add(tf.moments(x, 0).variance, 1e-12));
    const shortfall = tf.relu(tf.sub(tf.mul(std(yTrue), floor), std(point)));
    return tf.mean(tf.square(shortfall)) as tf.Scalar;
  });
}

/** The directional-balance penalty on [b, H] targets and point forecasts. */
export function balancePenalty(
  yTrue: tf.Tensor,
  point: tf.Tensor,
  options: { sharpness: number; zero: number },
): tf.Scalar {
  return tf.tidy(() => {
    const share = (x: tf.Tensor) =>
      tf.mean(tf.tanh(tf.mul(tf.sub(x, options.zero), options.sharpness)));
    return tf.square(tf.sub(share(point), share(yTrue))) as tf.Scalar;
  });
}

/** `base` plus the configured penalties; `base` itself when both weights are 0. */
export function withAntiCollapse(
  base: LossFunction,
  config: AntiCollapseConfig,
  space: PointSpace,
): LossFunction {
  checkConfig(config);
  if (config.stdWeight === 0 && config.balanceWeight === 0) return base;
  return (yTrue, yPred) =>
    tf.tidy(() => {
      const point = pointForecast(yPred, space.pointIndex);
      let loss: tf.Tensor = base(yTrue, yPred);
      if (config.stdWeight > 0) {
        loss = tf.add(loss, tf.mul(spreadPenalty(yTrue, point, config.stdFloor), config.stdWeight));
      }
      if (config.balanceWeight > 0) {
        const sharpness = config.balanceSharpness;
        const penalty = balancePenalty(yTrue, point, { sharpness, zero: space.zero });
        loss = tf.add(loss, tf.mul(penalty, config.balanceWeight));
      }
      return loss as tf.Scalar;
    });
}
