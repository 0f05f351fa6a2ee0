/**
 * Inference in chunks, so a long split never materialises one huge batch of activations.
 */
import * as tf from "@tensorflow/tfjs";
import type { TargetScale } from "./window_data.ts";

export const DEFAULT_PREDICT_CHUNK = 512;

/** Runs `predict` on consecutive row chunks of `inputs` and concatenates the outputs. */
export function predictInChunks(
  predict: (inputs: tf.Tensor[]) => tf.Tensor,
  inputs: tf.Tensor[],
  chunkSize = DEFAULT_PREDICT_CHUNK,
): tf.Tensor {
  const n = inputs[0].shape[0];
  if (n <= chunkSize) return tf.tidy(() => predict(inputs));
  return tf.tidy(() => {
    const parts: tf.Tensor[] = [];
    for (let start = 0; start < n; start += chunkSize) {
      const size = Math.min(chunkSize, n - start);
      parts.push(predict(inputs.map((x) => x.slice(start, size))));
    }
    return tf.concat(parts, 0);
  });
}

/**
 * {@link predictInChunks} mapped back to raw returns (· std + mean) and read back with
 * `await data()` (webgpu cannot read synchronously). `inputs` stay the caller's to dispose.
 */
export async function predictRaw(
  predict: (inputs: tf.Tensor[]) => tf.Tensor,
  inputs: tf.Tensor[],
  scale: TargetScale,
): Promise<Float32Array> {
  const output = tf.tidy(() => {
    const scaled = predictInChunks(predict, inputs);
    return tf.add(tf.mul(scaled, scale.std), scale.mean);
  });
  try {
    return await output.data() as Float32Array;
  } finally {
    output.dispose();
  }
}
