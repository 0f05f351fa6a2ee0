/**
 * The SIMD column sum (`models/tf/wasm_simd/column_sum.ts`): the patched wasm `Sum` over
 * leading axes is bit-identical to tfjs's own kernel and to a float32 row-by-row reference,
 * on inputs where the order of additions shows in the result; other reductions are unchanged;
 * bias gradients through it are unchanged; it survives heap growth and leaks nothing.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../../models/tf/backend.ts";
import { withTfjsSum } from "../../../../models/tf/wasm_simd/column_sum.ts";
import { seededTensor } from "../seeded_tensor.ts";

/** Values of mixed magnitude, so that summing in another order rounds differently. */
function mixed(shape: number[], seed: number): tf.Tensor {
  const x = seededTensor(shape, seed);
  const scale = seededTensor(shape, seed + 1000);
  const out = tf.mul(x, tf.exp(tf.mul(scale, 4)));
  tf.dispose([x, scale]);
  return out;
}

/** Column sums of x viewed as [rows, cols], each from +0 adding rows in order, in float32. */
function rowByRow(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j] = Math.fround(out[j] + values[i * cols + j]);
  }
  return out;
}

Deno.test("wasm Sum over leading axes equals tfjs's kernel bit for bit", async () => {
  await initBackend("wasm");
  const cases: [number[], number | number[]][] = [
    [[3840, 128], 0],
    [[64, 60, 128], [0, 1]],
    [[64, 60, 7], 0],
    [[5, 7], 0],
    [[5, 7], -2],
    [[3, 5, 6], 0],
    [[1, 1], 0],
    [[2, 1, 3], [0, 1]],
    [[1000, 3], 0],
  ];
  let orderShows = false;
  cases.forEach(([shape, axis], i) => {
    const x = mixed(shape, i + 1);
    const before = tf.memory().numTensors;
    const actual = tf.sum(x, axis);
    const expected = withTfjsSum(() => tf.sum(x, axis));
    const label = `shape [${shape}], axis ${JSON.stringify(axis)}`;
    assert.deepEqual(actual.shape, expected.shape, label);
    assert.deepEqual(actual.dataSync(), expected.dataSync(), label);
    const rows = x.size / actual.size;
    assert.deepEqual(actual.dataSync(), rowByRow(x.dataSync() as Float32Array, rows, actual.size));
    // Summing the rows backwards rounds differently somewhere: equality above means something.
    const backwards = tf.tidy(() => tf.sum(tf.reverse(x.reshape([rows, actual.size]), 0), 0));
    orderShows ||= !tf.util.arraysEqual(backwards.dataSync(), actual.dataSync());
    tf.dispose([actual, expected, backwards]);
    assert.equal(tf.memory().numTensors, before, `${label} leaked a tensor`);
    x.dispose();
  });
  assert.ok(orderShows, "no case depends on the order of additions; the inputs test nothing");
});

Deno.test("wasm Sum keeps its shape with keepDims and leaves other reductions to tfjs", async () => {
  await initBackend("wasm");
  const x = mixed([4, 6, 5], 40);
  const kept = tf.sum(x, [0, 1], true);
  assert.deepEqual(kept.shape, [1, 1, 5]);
  assert.deepEqual(kept.dataSync(), withTfjsSum(() => tf.sum(x, [0, 1], true)).dataSync());
  // [1, 0]: tfjs sums axis 1's rows before axis 0's, an order of its own, so tfjs keeps it.
  for (const axis of [1, 2, [1, 2], [0, 2], [1, 0], [0, 1, 2], undefined]) {
    const ours = tf.sum(x, axis);
    const theirs = withTfjsSum(() => tf.sum(x, axis));
    assert.deepEqual(ours.shape, theirs.shape, `axis ${JSON.stringify(axis)}`);
    assert.deepEqual(ours.dataSync(), theirs.dataSync(), `axis ${JSON.stringify(axis)}`);
  }
  const ints = tf.tensor2d([[1, 2, 3], [4, 5, 6]], [2, 3], "int32");
  assert.deepEqual(tf.sum(ints, 0).arraySync(), [5, 7, 9]);
  assert.equal(tf.sum(ints, 0).dtype, "int32");
  tf.dispose([x, kept, ints]);
});

Deno.test("bias gradients through the column sum equal tfjs's", async () => {
  await initBackend("wasm");
  const x = mixed([64, 20, 33], 50);
  const bias = seededTensor([33], 51);
  const weight = mixed([64, 20, 33], 52);
  const grad = tf.grad((b: tf.Tensor) => tf.sum(tf.mul(tf.tanh(tf.add(x, b)), weight)));
  const ours = grad(bias);
  const theirs = withTfjsSum(() => grad(bias));
  assert.deepEqual(ours.dataSync(), theirs.dataSync());
  tf.dispose([x, bias, weight, ours, theirs]);
});

Deno.test("wasm Sum over leading axes keeps working after the wasm heap grows", async () => {
  await initBackend("wasm");
  const small = mixed([12, 9], 60);
  const first = tf.sum(small, 0);
  const heap = () => (tf.backend() as unknown as { wasm: { HEAPF32: Float32Array } }).wasm.HEAPF32;
  const before = heap().length;
  const big = tf.zeros([before + 1024]); // more floats than the heap holds: it must grow
  assert.ok(heap().length > before, "the heap did not grow; the test does not test growth");
  const again = tf.sum(small, 0);
  assert.deepEqual(again.dataSync(), first.dataSync());
  const late = mixed([37, 21], 61); // allocated in the grown part
  const lateSum = tf.sum(late, 0);
  assert.deepEqual(lateSum.dataSync(), withTfjsSum(() => tf.sum(late, 0)).dataSync());
  tf.dispose([small, first, big, again, late, lateSum]);
});
