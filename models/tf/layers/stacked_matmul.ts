/**
 * Per-variable ("stacked") matrix products x [V, N, in] × w [V, in, out] → [V, N, out]: one
 * batched matmul, which the wasm backend runs in one call of its SIMD batched kernel (or as
 * V XNNPACK products on views of large slices: `models/tf/wasm_batched_matmul.ts`; the
 * stock kernel's naive loop made a list of V 2-D products with a hand-written gradient
 * faster here, until that kernel was replaced).
 */
import * as tf from "@tensorflow/tfjs";

export function stackedMatMul(x: tf.Tensor, w: tf.Tensor): tf.Tensor {
  if (x.rank !== 3 || w.rank !== 3 || x.shape[0] !== w.shape[0] || x.shape[2] !== w.shape[1]) {
    throw new Error(`stackedMatMul: cannot multiply [${x.shape}] by [${w.shape}]`);
  }
  return tf.matMul(x as tf.Tensor3D, w as tf.Tensor3D);
}
