/**
 * The SIMD transpose kernel (`models/tf/wasm_simd/transpose.ts`): bit-identical to
 * `tf.transpose` on tile-aligned and ragged shapes, ranks 2 and 3; still right after the
 * wasm heap grows (the module imports the backend's memory, whose buffer is replaced); no
 * leaked tensors; the byte encoders of the module builder.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../../models/tf/backend.ts";
import { SeededRandom } from "../../../../models/tf/rng.ts";
import { sleb, uleb } from "../../../../models/tf/wasm_simd/module.ts";
import { transposeLastTwo } from "../../../../models/tf/wasm_simd/transpose.ts";

function tensor(shape: number[], seed: number): tf.Tensor {
  const rng = new SeededRandom(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: size }, () => rng.normal()), shape);
}

function assertSameAsTfjs(x: tf.Tensor) {
  const expected = tf.transpose(x, x.shape.length === 2 ? [1, 0] : [0, 2, 1]);
  const actual = transposeLastTwo(x);
  assert.deepEqual(actual.shape, expected.shape);
  assert.deepEqual(actual.dataSync(), expected.dataSync(), `shape [${x.shape}]`);
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
