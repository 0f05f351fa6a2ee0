/**
 * The SIMD GEMM kernel (`models/tf/wasm_simd/gemm.ts`): within float32 summation bounds of
 * a float64 reference on aligned and ragged shapes (m, n off the tile, k = 1, k off the
 * unroll) for B packed or read directly, with multiply and add or FMA; the multiply-and-add
 * variants equal XNNPACK bit for bit; an element's value does not depend on its position
 * (full tile, single vector or scalar edge); a bias start and relu clamp; still right after
 * the wasm heap grows; errors.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../../models/tf/backend.ts";
import { withSlicedRoute } from "../../../../models/tf/wasm_batched_matmul.ts";
import { gemmOnHeap, type GemmShape } from "../../../../models/tf/wasm_simd/gemm.ts";
import type { WasmBackend } from "../../../../models/tf/wasm_heap.ts";
import { seededTensor as tensor } from "../seeded_tensor.ts";

const backend = () => tf.backend() as unknown as WasmBackend;
const offset = (t: tf.Tensor) => backend().dataIdMap.get(t.dataId).memoryOffset;

const kernel = (
  rows: number,
  vectors: number,
  packed: boolean,
  unroll: number,
  fma: boolean,
): GemmShape => ({ rows, vectors, packed, unroll, fma });

const PLAIN = [
  kernel(4, 2, true, 4, false),
  kernel(4, 2, false, 1, false),
  kernel(3, 3, true, 2, false),
];
const FUSED = [kernel(6, 2, true, 4, true), kernel(4, 2, false, 3, true)];

/** Our kernel's C = A · B, in a new tensor (NaN first: every element must be written). */
function gemm(a: tf.Tensor, b: tf.Tensor, shape: GemmShape): tf.Tensor {
  const [m, k] = a.shape as [number, number];
  const n = b.shape[1] as number;
  const c = tf.fill([m, n], Number.NaN);
  const scratch = backend().wasm._malloc(4 * k * n);
  try {
    const heap = { a: offset(a), b: offset(b), c: offset(c), scratch };
    gemmOnHeap(backend().wasm.asm.memory, heap, [m, k, n], shape);
  } finally {
    backend().wasm._free(scratch);
  }
  return c;
}

/** XNNPACK's product (the views route calls the stock wasm kernel for a single product). */
const xnnpack = (a: tf.Tensor, b: tf.Tensor) => withSlicedRoute("views", () => tf.matMul(a, b));

/** [m, k, n]: aligned, ragged m and n (n % 8, n % 4 ≠ 0, n < 4), k = 1, k off the unroll. */
const SHAPES: [number, number, number][] = [
  [8, 16, 16],
  [12, 8, 24],
  [7, 5, 13],
  [5, 3, 2],
  [9, 1, 6],
  [1, 7, 1],
  [1, 1, 1],
  [6, 1, 3],
  [61, 61, 16],
  [33, 130, 70],
  [50, 129, 36],
];

Deno.test("SIMD GEMM is within float32 summation error of a float64 reference", async () => {
  await initBackend("wasm");
  SHAPES.forEach(([m, k, n], s) => {
    const [a, b] = [tensor([m, k], 2 * s), tensor([k, n], 2 * s + 1)];
    const [av, bv] = [a.dataSync(), b.dataSync()];
    for (const shape of [...PLAIN, ...FUSED]) {
      const c = gemm(a, b, shape);
      const cv = c.dataSync();
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let [exact, magnitude] = [0, 0];
          for (let p = 0; p < k; p++) {
            const term = av[i * k + p] * bv[p * n + j];
            exact += term;
            magnitude += Math.abs(term);
          }
          // k rounded products and k − 1 rounded additions: ≤ (k + 1)·2⁻²⁴·Σ|a·b|. With FMA
          // only the k fused steps round: ≤ k·2⁻²⁴·Σ|a·b| (both to first order).
          const bound = (shape.fma ? k : k + 1) * 2 ** -24 * magnitude * 1.01;
          const got = cv[i * n + j];
          if (!(Math.abs(got - exact) <= bound)) {
            assert.fail(
              `${JSON.stringify(shape)} [${m},${k},${n}] C[${i},${j}] = ${got}, ` +
                `expected ${exact} ± ${bound}`,
            );
          }
        }
      }
      c.dispose();
    }
    tf.dispose([a, b]);
  });
});

Deno.test("SIMD GEMM with bias and relu: max(0, bias + Σ a·b) within the bound", async () => {
  await initBackend("wasm");
  const kernels = [...PLAIN, ...FUSED].map((shape) => ({ ...shape, bias: true, relu: true }));
  SHAPES.forEach(([m, k, n], s) => {
    const [a, b, bias] = [tensor([m, k], 3 * s), tensor([k, n], 3 * s + 1), tensor([n], 3 * s + 2)];
    const [av, bv, biasv] = [a.dataSync(), b.dataSync(), bias.dataSync()];
    for (const shape of kernels) {
      const c = tf.fill([m, n], Number.NaN);
      const scratch = backend().wasm._malloc(4 * k * n);
      const heap = { a: offset(a), b: offset(b), c: offset(c), scratch, bias: offset(bias) };
      gemmOnHeap(backend().wasm.asm.memory, heap, [m, k, n], shape);
      backend().wasm._free(scratch);
      const cv = c.dataSync();
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let [exact, magnitude] = [biasv[j], Math.abs(biasv[j])];
          for (let p = 0; p < k; p++) {
            exact += av[i * k + p] * bv[p * n + j];
            magnitude += Math.abs(av[i * k + p] * bv[p * n + j]);
          }
          const bound = (k + 1) * 2 ** -24 * magnitude * 1.01;
          const got = cv[i * n + j];
          if (!(Math.abs(got - Math.max(0, exact)) <= bound && got >= 0)) {
            assert.fail(
              `${JSON.stringify(shape)} [${m},${k},${n}] C[${i},${j}] = ${got}, ` +
                `expected max(0, ${exact}) ± ${bound}`,
            );
          }
        }
      }
      c.dispose();
    }
    tf.dispose([a, b, bias]);
  });
});

Deno.test("SIMD GEMM with multiply and add equals XNNPACK bit for bit", async () => {
  await initBackend("wasm");
  SHAPES.forEach(([m, k, n], s) => {
    const [a, b] = [tensor([m, k], 50 + s), tensor([k, n], 80 + s)];
    const expected = xnnpack(a, b);
    for (const shape of PLAIN) {
      const c = gemm(a, b, shape);
      assert.deepEqual(
        c.dataSync(),
        expected.dataSync(),
        `${JSON.stringify(shape)} [${m},${k},${n}]`,
      );
      c.dispose();
    }
    tf.dispose([a, b, expected]);
  });
});

Deno.test("SIMD GEMM with FMA: the same value wherever an element lies, and repeatable", async () => {
  await initBackend("wasm");
  const [m, k] = [7, 37];
  const [a, b16] = [tensor([m, k], 5), tensor([k, 16], 6)];
  const b9 = b16.slice([0, 0], [k, 9]); // column 8: a full tile in b16, the scalar edge in b9
  const b5 = b16.slice([0, 4], [k, 5]); // columns 4–7: a single vector in b5
  for (const shape of FUSED) {
    const full = gemm(a, b16, shape);
    const [edge, vector] = [gemm(a, b9, shape), gemm(a, b5, shape)];
    const again = gemm(a, b16, shape);
    assert.deepEqual(edge.dataSync(), full.slice([0, 0], [m, 9]).dataSync());
    assert.deepEqual(vector.dataSync(), full.slice([0, 4], [m, 5]).dataSync());
    assert.deepEqual(again.dataSync(), full.dataSync());
    tf.dispose([full, edge, vector, again]);
  }
  // The two fused kernels (other tiles, packing, unroll) agree too.
  const [x, y] = FUSED.map((shape) => gemm(a, b16, shape));
  assert.deepEqual(x.dataSync(), y.dataSync());
  tf.dispose([a, b16, b9, b5, x, y]);
});

Deno.test("SIMD GEMM keeps working after the wasm heap grows", async () => {
  await initBackend("wasm");
  const [a, b] = [tensor([10, 7], 1), tensor([7, 9], 2)];
  const before = gemm(a, b, PLAIN[0]); // instantiates the kernel on the current memory
  const heapLength = () => backend().wasm.HEAPF32.length;
  const size = heapLength();
  const big = tf.zeros([size + 1024]); // more floats than the heap holds: it must grow
  assert.ok(heapLength() > size, "the heap did not grow; the test does not test growth");
  const after = gemm(a, b, PLAIN[0]);
  assert.deepEqual(after.dataSync(), before.dataSync());
  const [c, d] = [tensor([13, 6], 3), tensor([6, 11], 4)]; // in the grown part
  const late = gemm(c, d, PLAIN[0]);
  const expected = xnnpack(c, d);
  assert.deepEqual(late.dataSync(), expected.dataSync());
  tf.dispose([a, b, before, big, after, c, d, late, expected]);
});

Deno.test("SIMD GEMM rejects empty sizes, unaligned offsets and a packed call without scratch", async () => {
  await initBackend("wasm");
  const memory = backend().wasm.asm.memory;
  assert.throws(
    () => gemmOnHeap(memory, { a: 0, b: 0, c: 0 }, [3, 0, 4], PLAIN[1]),
    /positive sizes, got m 3, k 0, n 4: handle empty products/,
  );
  assert.throws(
    () => gemmOnHeap(memory, { a: 16, b: 18, c: 32 }, [1, 1, 1], PLAIN[1]),
    /4-byte aligned offsets, got 16, 18, 32, 0, 0/,
  );
  assert.throws(
    () => gemmOnHeap(memory, { a: 16, b: 16, c: 32 }, [1, 1, 1], PLAIN[0]),
    /packed kernel needs a scratch offset of 4·k·n bytes/,
  );
});
