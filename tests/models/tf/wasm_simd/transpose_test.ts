/**
 * The SIMD transpose kernel (`models/tf/wasm_simd/transpose.ts`): bit-identical to a
 * JavaScript reference on tile-aligned and ragged shapes, ranks 2 and 3; the patched wasm
 * `Transpose` right for every permutation (only last-two swaps take the SIMD path); still right after the
 * wasm heap grows (the module imports the backend's memory, whose buffer is replaced); no
 * leaked tensors; the byte encoders of the module builder.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../../models/tf/backend.ts";
import { sleb, uleb } from "../../../../models/tf/wasm_simd/module.ts";
import { transposeLastTwo } from "../../../../models/tf/wasm_simd/transpose.ts";
import { seededTensor as tensor } from "../seeded_tensor.ts";

/** x permuted by `perm`, moved one value at a time in JavaScript. */
function permuted(x: tf.Tensor, perm: number[]): Float32Array {
  const values = x.dataSync();
  const shape = x.shape;
  const outShape = perm.map((p) => shape[p]);
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const out = new Float32Array(values.length);
  const index = new Array(shape.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let rest = o;
    for (let d = outShape.length - 1; d >= 0; d--) {
      index[d] = rest % outShape[d];
      rest = Math.floor(rest / outShape[d]);
    }
    out[o] = values[perm.reduce((at, p, d) => at + index[d] * strides[p], 0)];
  }
  return out;
}

/** transposeLastTwo(x) against the JavaScript reference and against tfjs's own kernel. */
function assertSameAsTfjs(x: tf.Tensor) {
  const perm = x.shape.length === 2 ? [1, 0] : [0, 2, 1];
  const expected = tf.transpose(x, perm);
  const actual = transposeLastTwo(x);
  assert.deepEqual(actual.shape, expected.shape);
  assert.deepEqual(actual.dataSync(), expected.dataSync(), `shape [${x.shape}]`);
  assert.deepEqual(actual.dataSync(), permuted(x, perm), `shape [${x.shape}]`);
  tf.dispose([expected, actual]);
}

Deno.test("SIMD transpose equals tf.transpose bit for bit, aligned and ragged", async () => {
  await initBackend("wasm");
  const shapes = [[4, 4], [8, 12], [3840, 64], [1, 1], [3, 2], [7, 5], [5, 9], [4, 7], [9, 4]];
  const batched = [[64, 60, 8], [3, 5, 6], [2, 4, 4], [1, 13, 3]];
  [...shapes, ...batched].forEach((shape, i) => {
    const x = tensor(shape, i + 1);
    const before = tf.memory().numTensors;
    assertSameAsTfjs(x);
    assert.equal(tf.memory().numTensors, before, `shape [${shape}] leaked a tensor`);
    x.dispose();
  });
});

Deno.test("SIMD transpose keeps working after the wasm heap grows", async () => {
  await initBackend("wasm");
  const small = tensor([12, 8], 3);
  assertSameAsTfjs(small); // instantiates the kernel on the current memory
  const before = (tf.backend() as unknown as { wasm: { HEAPF32: Float32Array } }).wasm.HEAPF32
    .length;
  const big = tf.zeros([before + 1024]); // more floats than the heap holds: it must grow
  const after = (tf.backend() as unknown as { wasm: { HEAPF32: Float32Array } }).wasm.HEAPF32
    .length;
  assert.ok(after > before, "the heap did not grow; the test does not test growth");
  assertSameAsTfjs(small);
  const late = tensor([37, 21], 4); // allocated in the grown part
  assertSameAsTfjs(late);
  tf.dispose([small, big, late]);
});

Deno.test("SIMD transpose rejects other ranks and falls back on other dtypes", async () => {
  await initBackend("wasm");
  const x = tf.zeros([2, 2, 2, 2]);
  assert.throws(() => transposeLastTwo(x), /rank-2 or rank-3 tensor, got shape \[2,2,2,2\]/);
  const ints = tf.tensor2d([[1, 2, 3], [4, 5, 6]], [2, 3], "int32");
  assert.deepEqual(transposeLastTwo(ints).arraySync(), [[1, 4], [2, 5], [3, 6]]);
  tf.dispose([x, ints]);
});

Deno.test("LEB128 encoders", () => {
  assert.deepEqual(uleb(0), [0]);
  assert.deepEqual(uleb(127), [0x7f]);
  assert.deepEqual(uleb(128), [0x80, 0x01]);
  assert.deepEqual(uleb(624485), [0xe5, 0x8e, 0x26]);
  assert.deepEqual(sleb(-1), [0x7f]);
  assert.deepEqual(sleb(63), [0x3f]);
  assert.deepEqual(sleb(64), [0xc0, 0x00]);
  assert.deepEqual(sleb(-123456), [0xc0, 0xbb, 0x78]);
});

Deno.test("wasm Transpose (patched for last-two swaps) is right for every permutation", async () => {
  await initBackend("wasm");
  const cases: [number[], number[]][] = [
    [[9, 6], [1, 0]],
    [[3, 5, 6], [0, 2, 1]],
    [[3, 5, 6], [1, 0, 2]],
    [[3, 5, 6], [2, 1, 0]],
    [[2, 3, 4, 5], [0, 2, 1, 3]],
    [[2, 3, 4, 5], [0, 1, 3, 2]],
  ];
  cases.forEach(([shape, perm], i) => {
    const x = tensor(shape, 20 + i);
    const y = tf.transpose(x, perm);
    assert.deepEqual(y.dataSync(), permuted(x, perm), `shape [${shape}], perm [${perm}]`);
    tf.dispose([x, y]);
  });
  const [a, b] = [tensor([9, 6], 30), tensor([9, 5], 31)];
  const product = tf.matMul(a, b, true, false);
  const plain = tf.matMul(tf.tensor(permuted(a, [1, 0]), [6, 9]), b);
  assert.deepEqual(product.dataSync(), plain.dataSync());
  tf.dispose([a, b, product, plain]);
});
