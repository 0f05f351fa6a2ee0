/**
 * The SIMD batched matmul kernel (`models/tf/wasm_simd/batched_matmul.ts`): within a
 * float32 summation bound of a float64 reference on aligned and ragged shapes, A stored
 * plain or transposed; bit-identical to XNNPACK (a 2-D `tf.matMul` of each slice and the
 * views route) and to itself under other register tiles, either layout of A and repeated
 * calls; still right after the wasm heap grows; clear errors.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../../models/tf/backend.ts";
import { withSlicedRoute } from "../../../../models/tf/wasm_batched_matmul.ts";
import {
  batchedMatMulOnHeap,
  type MatMulOptions,
  TILE_ROWS,
  TILE_VECTORS,
} from "../../../../models/tf/wasm_simd/batched_matmul.ts";
import type { WasmBackend } from "../../../../models/tf/wasm_heap.ts";
import { seededTensor as tensor } from "../seeded_tensor.ts";

const backend = () => tf.backend() as unknown as WasmBackend;
const offset = (t: tf.Tensor) => backend().dataIdMap.get(t.dataId).memoryOffset;

/**
 * The kernel on [batch, m, k] · [batch, k, n], straight on the heap (a new output); with
 * `transposedA`, `a` is given as [batch, k, m] and stored so (the kernel reads it strided).
 */
function simd(a: tf.Tensor, b: tf.Tensor, options: MatMulOptions = {}): tf.Tensor {
  const aStored = options.transposedA ? tf.transpose(a, [0, 2, 1]) : a;
  const [batch, m, k] = a.shape as [number, number, number];
  const n = b.shape[2] as number;
  const c = tf.fill([batch, m, n], Number.NaN); // every element must be written
  const heap = { a: offset(aStored), b: offset(b), c: offset(c) };
  batchedMatMulOnHeap(backend().wasm.asm.memory, heap, [batch, m, k, n], options);
  if (aStored !== a) aStored.dispose();
  return c;
}

/** [batch, m, k, n]: aligned, ragged in n (n % 4 ≠ 0, n < 4), in m (m % tile ≠ 0), k = 1. */
const SHAPES: [number, number, number, number][] = [
  [3, 8, 16, 16],
  [2, 12, 8, 24],
  [2, 7, 5, 13],
  [3, 5, 3, 2],
  [4, 9, 1, 6],
  [2, 1, 7, 1],
  [1, 1, 1, 1],
  [2, 6, 1, 3],
  [8, 61, 16, 61],
  [8, 61, 61, 16],
  [4, 61, 4, 61],
  [4, 61, 61, 4],
  [2, 33, 130, 70],
];

Deno.test("SIMD batched matmul is within float32 summation error of a float64 reference", async () => {
  await initBackend("wasm");
  SHAPES.forEach(([batch, m, k, n], s) => {
    const [a, b] = [tensor([batch, m, k], 2 * s), tensor([batch, k, n], 2 * s + 1)];
    const c = simd(a, b, { transposedA: s % 2 === 1 }); // both layouts of A, alternately
    const [av, bv, cv] = [a.dataSync(), b.dataSync(), c.dataSync()];
    for (let z = 0; z < batch; z++) {
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let [exact, magnitude] = [0, 0];
          for (let p = 0; p < k; p++) {
            const term = av[(z * m + i) * k + p] * bv[(z * k + p) * n + j];
            exact += term;
            magnitude += Math.abs(term);
          }
          // A float32 sum of k rounded products: |error| ≤ (k + 1) · 2⁻²⁴ · Σ|a·b| (to first order).
          const bound = (k + 1) * 2 ** -24 * magnitude * 1.01;
          const got = cv[(z * m + i) * n + j];
          if (!(Math.abs(got - exact) <= bound)) {
            assert.fail(`[${batch},${m},${k},${n}] C[${z},${i},${j}] = ${got}, expected ${exact}`);
          }
        }
      }
    }
    tf.dispose([a, b, c]);
  });
});

Deno.test("SIMD batched matmul equals XNNPACK bit for bit, and itself under any tile", async () => {
  await initBackend("wasm");
  SHAPES.forEach(([batch, m, k, n], s) => {
    const what = `[${batch},${m},${k},${n}]`;
    const [a, b] = [tensor([batch, m, k], 50 + s), tensor([batch, k, n], 80 + s)];
    const c = simd(a, b);
    const values = c.dataSync();
    for (let z = 0; z < batch; z++) {
      const slice = tf.tidy(() =>
        tf.matMul(
          a.slice([z, 0, 0], [1, m, k]).reshape([m, k]) as tf.Tensor2D,
          b.slice([z, 0, 0], [1, k, n]).reshape([k, n]) as tf.Tensor2D,
        )
      );
      assert.deepEqual(values.subarray(z * m * n, (z + 1) * m * n), slice.dataSync(), what);
      slice.dispose();
    }
    const views = withSlicedRoute("views", () => tf.matMul(a, b));
    assert.deepEqual(values, views.dataSync(), `${what} against the views route`);
    for (const tile of [[4, 2], [1, 1], [3, 3], [6, 2], [2, 4]] as [number, number][]) {
      for (const transposedA of [false, true]) {
        const other = simd(a, b, { tile, transposedA });
        const how = `${what} with a ${tile.join("×")} tile${transposedA ? ", A transposed" : ""}`;
        assert.deepEqual(other.dataSync(), values, how);
        other.dispose();
      }
    }
    const again = simd(a, b);
    assert.deepEqual(again.dataSync(), values, `${what} repeated`);
    tf.dispose([a, b, c, views, again]);
  });
  assert.deepEqual([TILE_ROWS, TILE_VECTORS], [4, 2]);
});

Deno.test("SIMD batched matmul keeps working after the wasm heap grows", async () => {
  await initBackend("wasm");
  const [a, b] = [tensor([3, 10, 7], 1), tensor([3, 7, 9], 2)];
  const before = simd(a, b); // instantiates the kernel on the current memory
  const heapLength = () => backend().wasm.HEAPF32.length;
  const size = heapLength();
  const big = tf.zeros([size + 1024]); // more floats than the heap holds: it must grow
  assert.ok(heapLength() > size, "the heap did not grow; the test does not test growth");
  const after = simd(a, b);
  assert.deepEqual(after.dataSync(), before.dataSync());
  const [c, d] = [tensor([2, 13, 6], 3), tensor([2, 6, 11], 4)]; // in the grown part
  const late = simd(c, d);
  const expected = withSlicedRoute("views", () => tf.matMul(c, d));
  assert.deepEqual(late.dataSync(), expected.dataSync());
  tf.dispose([a, b, before, big, after, c, d, late, expected]);
});

Deno.test("SIMD batched matmul rejects empty sizes and unaligned offsets", async () => {
  await initBackend("wasm");
  const memory = backend().wasm.asm.memory;
  assert.throws(
    () => batchedMatMulOnHeap(memory, { a: 0, b: 0, c: 0 }, [2, 3, 0, 4]),
    /positive sizes, got batch 2, m 3, k 0, n 4: handle empty products/,
  );
  assert.throws(
    () => batchedMatMulOnHeap(memory, { a: 16, b: 18, c: 32 }, [1, 1, 1, 1]),
    /4-byte aligned offsets, got 16, 18, 32/,
  );
});
