/**
 * The plain (autodiff) formulation of one TSMixer block, as `mixer_block.ts` computed it
 * before its forward and backward were fused (`models/mixer/fused_block.ts`): the reference
 * the fused op is tested against. Masks are the inverted-dropout masks the layer draws.
 */
import * as tf from "@tensorflow/tfjs";
import type { BlockMasks, BlockWeights } from "../../../models/mixer/fused_block.ts";

/** Layer norm of each [L, C] window over both axes (ε = 1e-3, Keras' default). */
export function windowNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, [1, 2], true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-3))), gamma), beta);
}

export function referenceMixerBlock(
  x: tf.Tensor3D,
  w: BlockWeights,
  masks: BlockMasks | null,
): tf.Tensor3D {
  const [b, l, c] = x.shape;
  const drop = (t: tf.Tensor, mask: keyof BlockMasks) => masks ? tf.mul(t, masks[mask]) : t;
  // Time mixing: rows are (sample, channel) pairs, one rank-2 matmul over time.
  const normed = tf.transpose(windowNorm(x, w.norm1Gamma, w.norm1Beta), [0, 2, 1]);
  const mixed = tf.relu(
    tf.add(tf.matMul(tf.reshape(normed, [b * c, l]), w.timeKernel as tf.Tensor2D), w.timeBias),
  );
  const residual = tf.add(x, drop(tf.transpose(tf.reshape(mixed, [b, c, l]), [0, 2, 1]), "time"));
  // Feature mixing: rows are (sample, step) pairs.
  const rows = tf.reshape(windowNorm(residual, w.norm2Gamma, w.norm2Beta), [b * l, c]);
  const hidden = drop(
    tf.relu(tf.add(tf.matMul(rows as tf.Tensor2D, w.ffKernel as tf.Tensor2D), w.ffBias)),
    "hidden",
  );
  const out = drop(
    tf.add(tf.matMul(hidden as tf.Tensor2D, w.outKernel as tf.Tensor2D), w.outBias),
    "out",
  );
  return tf.add(residual, tf.reshape(out, [b, l, c])) as tf.Tensor3D;
}
