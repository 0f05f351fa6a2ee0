/**
 * Affine maps used by every kit layer, written for wasm: inputs of any rank go through
 * one 2-D matmul (rank-3 batched matmuls are slow there), and "stacked" weights
 * ([V, in, out], one independent copy per variable) apply to a variable-major [V, N, in]
 * input as one op ({@link stackedMatMul}).
 */
import * as tf from "@tensorflow/tfjs";
import { stackedMatMul } from "./stacked_matmul.ts";

/** `x @ kernel + bias` over the last axis of `x` (any rank); kernel [in, out]. */
export function dense(x: tf.Tensor, kernel: tf.Tensor, bias?: tf.Tensor): tf.Tensor {
  const [inSize, outSize] = kernel.shape as number[];
  const x2 = x.rank === 2 ? x : tf.reshape(x, [-1, inSize]);
  // matMul + add: tf.fused.matMul saves the add but wraps ~8 bookkeeping kernels around it.
  const product = tf.matMul(x2 as tf.Tensor2D, kernel as tf.Tensor2D);
  const y = bias ? tf.add(product, bias) : product;
  return x.rank === 2 ? y : tf.reshape(y, [...(x.shape as number[]).slice(0, -1), outSize]);
}

/** Stacked affine map: x [V, N, in], kernel [V, in, out], bias [V, 1, out] → [V, N, out]. */
export function stackedDense(x: tf.Tensor, kernel: tf.Tensor, bias?: tf.Tensor): tf.Tensor {
  const y = stackedMatMul(x, kernel);
  return bias ? tf.add(y, bias) : y;
}

/** Applies `dense` or `stackedDense` depending on the kernel's rank. */
export function affine(x: tf.Tensor, kernel: tf.Tensor, bias?: tf.Tensor): tf.Tensor {
  return kernel.rank === 3 ? stackedDense(x, kernel, bias) : dense(x, kernel, bias);
}
