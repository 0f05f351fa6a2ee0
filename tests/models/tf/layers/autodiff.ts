/**
 * Shared checks of the hand-differentiated (fused) ops against autodiff of the plain
 * formulas they replace: same values and same gradients for every input, within a stated
 * tolerance relative to the largest magnitude of the reference.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import type { SeededRandom } from "../../../../models/tf/rng.ts";

/** A generator of seeded normal tensors, `random(shape, scale)`. */
export function randomTensor(rng: SeededRandom) {
  return (shape: number[], scale = 1): tf.Tensor => {
    const size = shape.reduce((a, b) => a * b, 1);
    return tf.tensor(Float32Array.from({ length: size }, () => scale * rng.normal()), shape);
  };
}

/** Values and gradients (of Σ y·r for a fixed random r) with respect to every input. */
function valueAndGrads(f: (xs: tf.Tensor[]) => tf.Tensor, inputs: tf.Tensor[], r: tf.Tensor) {
  const grads = tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(f(xs), r)))(inputs);
  return { value: f(inputs), grads };
}

/** Largest |actual − expected| over max(1, largest |expected|), asserted ≤ `tolerance`. */
export function assertClose(
  actual: tf.Tensor,
  expected: tf.Tensor,
  label: string,
  tolerance: number,
) {
  assert.deepEqual(actual.shape, expected.shape, `${label}: shape`);
  const a = actual.dataSync();
  const e = expected.dataSync();
  let worst = 0;
  let scale = 0;
  e.forEach((v, i) => {
    worst = Math.max(worst, Math.abs(v - a[i]));
    scale = Math.max(scale, Math.abs(v));
  });
  assert.ok(
    worst <= tolerance * Math.max(1, scale),
    `${label}: max diff ${worst} (scale ${scale}, tolerance ${tolerance})`,
  );
}

export interface Comparison {
  label: string;
  fused: (xs: tf.Tensor[]) => tf.Tensor;
  reference: (xs: tf.Tensor[]) => tf.Tensor;
  inputs: tf.Tensor[];
  /** One name per input, for the messages. */
  names: string[];
  random: (shape: number[]) => tf.Tensor;
  /** Relative tolerance (default 1e-5). */
  tolerance?: number;
}

/** The fused op's value and gradients equal the reference's. */
export function compare(c: Comparison) {
  const tolerance = c.tolerance ?? 1e-5;
  tf.tidy(() => {
    const r = c.random(c.reference(c.inputs).shape);
    const a = valueAndGrads(c.fused, c.inputs, r);
    const b = valueAndGrads(c.reference, c.inputs, r);
    assertClose(a.value, b.value, `${c.label} value`, tolerance);
    b.grads.forEach((g, i) => assertClose(a.grads[i], g, `${c.label} d/d${c.names[i]}`, tolerance));
  });
}
