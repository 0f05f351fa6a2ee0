/**
 * The TSMixer window layer norm (each [L, C] window normalised over both its axes, ε = 1e-3,
 * Keras' `LayerNormalization(axis=[-2, -1])` default) as forward and backward maths on the
 * flattened layout [B, L·C], for the hand-differentiated block (`fused_block.ts`):
 *
 *   x̂ = (x − mean) · rsqrt(var + ε),  y = x̂ · γ + β
 *   dx = rstd · (g − mean(g) − x̂ · mean(g · x̂)),  g = dy · γ
 *
 * Window statistics reduce over the last (contiguous) axis. On wasm each direction is one
 * kernel (`window_norm_wasm.ts`); other backends run the tfjs ops below.
 */
import * as tf from "@tensorflow/tfjs";
import { WINDOW_NORM_GRAD_KERNEL, WINDOW_NORM_KERNEL } from "./window_norm_wasm.ts";

const onWasm = (x: tf.Tensor) => tf.getBackend() === "wasm" && x.dtype === "float32";

export const WINDOW_NORM_EPSILON = 1e-3;

export interface WindowNormState {
  /** [B, L·C] normalised input. */
  xhat: tf.Tensor2D;
  /** [B, 1] reciprocal standard deviation of each window. */
  rstd: tf.Tensor2D;
}

/** y = x̂ · γ + β of `x` [B, L·C] (γ, β [L·C]), keeping what the gradient needs. */
export function windowNormForward(
  x: tf.Tensor2D,
  gamma: tf.Tensor,
  beta: tf.Tensor,
): { y: tf.Tensor2D; state: WindowNormState } {
  if (onWasm(x)) {
    const [y, xhat, rstd] = tf.engine().runKernel(
      WINDOW_NORM_KERNEL,
      { x, gamma, beta },
      { epsilon: WINDOW_NORM_EPSILON },
    ) as tf.Tensor2D[];
    return { y, state: { xhat, rstd } };
  }
  const centred = tf.sub(x, tf.mean(x, 1, true));
  const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(centred), 1, true), WINDOW_NORM_EPSILON));
  const xhat = tf.mul(centred, rstd) as tf.Tensor2D;
  return {
    y: tf.add(tf.mul(xhat, gamma), beta) as tf.Tensor2D,
    state: { xhat, rstd: rstd as tf.Tensor2D },
  };
}

/** dx, dγ and dβ of {@link windowNormForward} given dy [B, L·C]. */
export function windowNormBackward(
  dy: tf.Tensor2D,
  state: WindowNormState,
  gamma: tf.Tensor,
): { dx: tf.Tensor2D; dGamma: tf.Tensor1D; dBeta: tf.Tensor1D } {
  if (onWasm(dy)) {
    const [dx, dGamma, dBeta] = tf.engine().runKernel(WINDOW_NORM_GRAD_KERNEL, {
      dy,
      xhat: state.xhat,
      rstd: state.rstd,
      gamma,
    }) as tf.Tensor[];
    return { dx: dx as tf.Tensor2D, dGamma: dGamma as tf.Tensor1D, dBeta: dBeta as tf.Tensor1D };
  }
  const g = tf.mul(dy, gamma);
  const projection = tf.mul(state.xhat, tf.mean(tf.mul(g, state.xhat), 1, true));
  const dx = tf.mul(tf.sub(tf.sub(g, tf.mean(g, 1, true)), projection), state.rstd);
  return {
    dx: dx as tf.Tensor2D,
    dGamma: tf.sum(tf.mul(dy, state.xhat), 0) as tf.Tensor1D,
    dBeta: tf.sum(dy, 0) as tf.Tensor1D,
  };
}
