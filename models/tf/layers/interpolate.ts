/**
 * Linear interpolation of the last axis to a new width, as torch's
 * `F.interpolate(mode="linear", align_corners=True)` that pytorch-forecasting uses to
 * resample skip connections. It is linear, so it is a fixed [from, to] matrix.
 */
import * as tf from "@tensorflow/tfjs";

/** Row-major [from, to] matrix M such that `x @ M` resamples x's last axis. */
export function interpolationMatrix(from: number, to: number): Float32Array {
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 1 && to >= 1)) {
    throw new Error(`interpolationMatrix: widths must be integers >= 1, got ${from} -> ${to}`);
  }
  const matrix = new Float32Array(from * to);
  const scale = to > 1 ? (from - 1) / (to - 1) : 0;
  for (let j = 0; j < to; j++) {
    const position = j * scale;
    const left = Math.min(Math.floor(position), from - 1);
    const right = Math.min(left + 1, from - 1);
    const fraction = position - left;
    matrix[left * to + j] += 1 - fraction;
    if (right !== left) matrix[right * to + j] += fraction;
  }
  return matrix;
}

export function interpolationTensor(from: number, to: number): tf.Tensor2D {
  return tf.tensor2d(interpolationMatrix(from, to), [from, to]);
}
