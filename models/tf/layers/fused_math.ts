/**
 * Forward and backward pieces of the fused (hand-differentiated) kit ops. Everything works
 * on one of two layouts: stacked [V, N, ·] — V independent copies (per-variable networks)
 * over N rows, with [V, in, out] kernels and [V, 1, out] vectors — or plain [N, ·] for an
 * ordinary layer, with [in, out] kernels and [out] vectors (its weights as stored, so no
 * reshapes: each would be one more kernel forward and one backward). These run inside
 * `tf.customGrad`, so no autodiff bookkeeping is attached to them.
 */
import * as tf from "@tensorflow/tfjs";
import type { Normalised } from "./layer_norm.ts";
import { GLU_GRAD_KERNEL, GLU_KERNEL } from "./glu_wasm.ts";
import { addNormBackward } from "./norm_kernels.ts";
import { HEAP_EXP_LIMIT } from "./norm_wasm.ts";

const onWasm = (x: tf.Tensor) => tf.getBackend() === "wasm" && x.dtype === "float32";

/** Per-copy a · b (optionally transposed): both [V, ·, ·] (stacked) or both 2-D (plain). */
export function product(a: tf.Tensor, b: tf.Tensor, transposeA = false, transposeB = false) {
  return tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D, transposeA, transposeB);
}

/** Sum over the rows axis, to a bias's shape: [V, N, K] → [V, 1, K], or [N, K] → [K]. */
export function rowSum(t: tf.Tensor): tf.Tensor {
  return t.rank === 3 ? tf.sum(t, 1, true) : tf.sum(t, 0);
}

/** Gradients of the norm: dx, and dgamma/dbeta summed over the rows (one kernel on wasm). */
export function normBackward(dy: tf.Tensor, n: Normalised, gamma: tf.Tensor) {
  return addNormBackward(dy, n, gamma);
}

export interface GluWeights {
  valueKernel: tf.Tensor;
  valueBias: tf.Tensor;
  gateKernel: tf.Tensor;
  gateBias: tf.Tensor;
}

export interface GluState {
  input: tf.Tensor;
  value: tf.Tensor;
  gate: tf.Tensor;
}

/** value · σ(gate) of the (already dropped-out) input (one heap kernel on wasm when small). */
export function gluForward(input: tf.Tensor, w: GluWeights): { y: tf.Tensor; state: GluState } {
  const outputs = (input.size / input.shape[input.rank - 1]!) * w.valueBias.shape.at(-1)!;
  if (onWasm(input) && outputs <= HEAP_EXP_LIMIT) {
    const [y, value, gate] = tf.engine().runKernel(GLU_KERNEL, {
      value: product(input, w.valueKernel),
      gate: product(input, w.gateKernel),
      valueBias: w.valueBias,
      gateBias: w.gateBias,
    }) as tf.Tensor[];
    return { y, state: { input, value, gate } };
  }
  const value = tf.add(product(input, w.valueKernel), w.valueBias);
  const gate = tf.sigmoid(tf.add(product(input, w.gateKernel), w.gateBias));
  return { y: tf.mul(value, gate), state: { input, value, gate } };
}

/** Gradients of {@link gluForward} given dy (its elementwise part one kernel on wasm). */
export function gluBackward(dy: tf.Tensor, s: GluState, w: GluWeights) {
  const [dValue, dGate, dValueBias, dGateBias] = onWasm(dy)
    ? tf.engine().runKernel(GLU_GRAD_KERNEL, { dy, value: s.value, gate: s.gate }, {
      biasShape: w.valueBias.shape,
    }) as tf.Tensor[]
    : gluGradOps(dy, s);
  return {
    dInput: tf.add(
      product(dValue, w.valueKernel, false, true),
      product(dGate, w.gateKernel, false, true),
    ),
    dValueKernel: product(s.input, dValue, true, false),
    dValueBias,
    dGateKernel: product(s.input, dGate, true, false),
    dGateBias,
  };
}

function gluGradOps(dy: tf.Tensor, s: GluState): tf.Tensor[] {
  const dValue = tf.mul(dy, s.gate);
  // σ' = σ − σ²: same-shape kernels (a scalar operand takes wasm's slow broadcast path)
  const dGate = tf.mul(tf.mul(dy, s.value), tf.sub(s.gate, tf.square(s.gate)));
  return [dValue, dGate, rowSum(dValue), rowSum(dGate)];
}
