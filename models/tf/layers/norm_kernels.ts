/**
 * The layer norm of the fused (hand-differentiated) ops, with the residual add in front:
 *
 *   x̂ = (a + s − mean) · rsqrt(var + ε),  y = x̂ · γ + β    (over the last axis, ε = 1e-5)
 *   dx = rstd · (g − mean(g) − x̂ · mean(g · x̂)),  g = dy · γ;  dγ = Σ dy · x̂,  dβ = Σ dy
 *
 * γ and β are [n] (plain rows) or [V, 1, n] (stacked [V, N, n]); dγ and dβ come back in
 * their shape. On wasm each direction is one kernel (`norm_wasm.ts`); other backends run
 * the tfjs ops of `layer_norm.ts`.
 */
import * as tf from "@tensorflow/tfjs";
import { LAYER_NORM_EPSILON, type Normalised, normForward, normInputGrad } from "./layer_norm.ts";
import { NORM_GRAD_KERNEL, NORM_KERNEL } from "./norm_wasm.ts";

const onWasm = (x: tf.Tensor) => tf.getBackend() === "wasm" && x.dtype === "float32";

/** Sum over the rows, to a vector's shape: [V, N, n] → [V, 1, n], or [..., n] → [n]. */
function rowSum(t: tf.Tensor, stacked: boolean): tf.Tensor {
  return stacked ? tf.sum(t, 1, true) : tf.sum(t, [...Array(t.rank - 1).keys()]);
}

/** LayerNorm(x + skip) (skip null: of x alone), keeping what the gradient needs. */
export function addNormForward(
  x: tf.Tensor,
  skip: tf.Tensor | null,
  gamma: tf.Tensor,
  beta: tf.Tensor,
): Normalised {
  if (onWasm(x)) {
    const inputs: tf.NamedTensorMap = skip ? { x, skip, gamma, beta } : { x, gamma, beta };
    const [y, xhat, rstd] = tf.engine().runKernel(NORM_KERNEL, inputs, {
      epsilon: LAYER_NORM_EPSILON,
    }) as tf.Tensor[];
    return { y, xhat, rstd };
  }
  return normForward(skip ? tf.add(x, skip) : x, gamma, beta);
}

/** dx, dγ and dβ of {@link addNormForward} (dx is also the gradient of the skip). */
export function addNormBackward(dy: tf.Tensor, n: Normalised, gamma: tf.Tensor) {
  if (onWasm(dy)) {
    const [dx, dGamma, dBeta] = tf.engine().runKernel(NORM_GRAD_KERNEL, {
      dy,
      xhat: n.xhat,
      rstd: n.rstd,
      gamma,
    }) as tf.Tensor[];
    return { dx, dGamma, dBeta };
  }
  const stacked = gamma.rank === 3;
  return {
    dx: normInputGrad(dy, n, gamma),
    dGamma: rowSum(tf.mul(dy, n.xhat), stacked),
    dBeta: rowSum(dy, stacked),
  };
}
