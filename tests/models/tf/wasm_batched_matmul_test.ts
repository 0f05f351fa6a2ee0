/**
 * The re-registered wasm batched matmul (`models/tf/wasm_batched_matmul.ts`) against a
 * float64 reference on every route (SIMD kernel, XNNPACK views, tfjs's own kernel): sliced,
 * broadcast, rank-4 and transposed products, their gradients; the route each size takes;
 * the SIMD and views routes bit-identical; and that no route leaks tensors or wasm heap.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import {
  MAX_IN_PLACE_TRANSPOSED_K,
  MAX_SIMD_SLICE_MACS,
  type SlicedRoute,
  slicedRoute,
  takesTransposedA,
  withSlicedRoute,
} from "../../../models/tf/wasm_batched_matmul.ts";

const ROUTES: SlicedRoute[] = ["simd", "views", "stock"];

function values(shape: number[], seed: number): Float32Array {
  const rng = new SeededRandom(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());
}

/** C = op(A) · op(B) in float64, batch dims broadcast from b when b has none. */
function reference(a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean) {
  const [av, bv] = [a.dataSync(), b.dataSync()];
  const [ar, br] = [a.shape.length, b.shape.length];
  const [m, k] = transposeA ? [a.shape[ar - 1], a.shape[ar - 2]] : a.shape.slice(-2);
  const n = transposeB ? b.shape[br - 2] : b.shape[br - 1];
  const batch = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const bBatch = tf.util.sizeFromShape(b.shape.slice(0, -2));
  const out = new Float64Array(batch * m * n);
  for (let s = 0; s < batch; s++) {
    const [ao, bo] = [s * m * k, (bBatch === 1 ? 0 : s) * k * n];
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) {
          const x = av[ao + (transposeA ? p * m + i : i * k + p)];
          const y = bv[bo + (transposeB ? j * k + p : p * n + j)];
          sum += x * y;
        }
        out[s * m * n + i * n + j] = sum;
      }
    }
  }
  return out;
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const tolerance = 1e-5 * Math.max(1, Math.abs(expected[i]));
    if (Math.abs(actual[i] - expected[i]) > tolerance) {
      assert.fail(`${what}: element ${i} is ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

const cases: Array<[string, number[], number[], boolean, boolean]> = [
  ["sliced [6,30,16]·[6,16,30]", [6, 30, 16], [6, 16, 30], false, false],
  ["rank-4 sliced [2,3,24,16]·[2,3,16,20]", [2, 3, 24, 16], [2, 3, 16, 20], false, false],
  ["broadcast rank-2 b [5,40,32]·[32,24]", [5, 40, 32], [32, 24], false, false],
  ["broadcast rank-3 b [5,40,32]·[1,32,24]", [5, 40, 32], [1, 32, 24], false, false],
  ["transposed b [8,30,16]·[8,30,16]ᵀ", [8, 30, 16], [8, 30, 16], false, true],
  ["transposed a [8,16,30]ᵀ·[8,16,30]", [8, 16, 30], [8, 16, 30], true, false],
  ["small [16,13,4]·[16,4,13]", [16, 13, 4], [16, 4, 13], false, false],
  ["ragged, k = 1 [5,7,1]·[5,1,6]", [5, 7, 1], [5, 1, 6], false, false],
  ["2-D [9,5]·[5,3]", [9, 5], [5, 3], false, false],
];

Deno.test("wasm batched matmul equals a float64 reference on every route", async () => {
  await initBackend("wasm");
  for (const route of ROUTES) {
    cases.forEach(([name, as, bs, ta, tb], i) => {
      tf.tidy(() => {
        const a = tf.tensor(values(as, 2 * i), as);
        const b = tf.tensor(values(bs, 2 * i + 1), bs);
        const product = withSlicedRoute(route, () => tf.matMul(a, b, ta, tb));
        const expectedShape = [...as.slice(0, -2), ta ? as.at(-1)! : as.at(-2)!];
        expectedShape.push(tb ? bs.at(-2)! : bs.at(-1)!);
        assert.deepEqual(product.shape, expectedShape, `${name}, ${route}`);
        assertClose(product.dataSync(), reference(a, b, ta, tb), `${name}, ${route}`);
      });
    });
  }
});

Deno.test("wasm batched matmul: the SIMD and views routes agree bit for bit", async () => {
  await initBackend("wasm");
  cases.forEach(([name, as, bs, ta, tb], i) => {
    tf.tidy(() => {
      const a = tf.tensor(values(as, 40 + i), as);
      const b = tf.tensor(values(bs, 70 + i), bs);
      const simd = withSlicedRoute("simd", () => tf.matMul(a, b, ta, tb));
      const views = withSlicedRoute("views", () => tf.matMul(a, b, ta, tb));
      assert.deepEqual(simd.dataSync(), views.dataSync(), name);
    });
  });
});

Deno.test("wasm batched matmul: the SIMD route equals tfjs's loop bit for bit when k ≤ 48", async () => {
  await initBackend("wasm");
  // The loop sums k in blocks of 48: up to one block, its sums are the kernel's sums.
  for (const [batch, m, k, n] of [[256, 1, 21, 4], [64, 4, 21, 4], [16, 13, 48, 9]]) {
    tf.tidy(() => {
      const a = tf.tensor(values([batch, m, k], k), [batch, m, k]);
      const b = tf.tensor(values([batch, k, n], k + 1), [batch, k, n]);
      const loop = withSlicedRoute("stock", () => tf.matMul(a, b));
      const simd = withSlicedRoute("simd", () => tf.matMul(a, b));
      assert.deepEqual(simd.dataSync(), loop.dataSync(), `[${batch},${m},${k},${n}]`);
    });
  }
});

Deno.test("wasm batched matmul: slices take the SIMD kernel up to its limit, then views; single products the GEMM kernel", async () => {
  await initBackend("wasm");
  assert.equal(slicedRoute(512, 61, 16, 61), "simd");
  assert.equal(slicedRoute(256, 61, 61, 4), "simd");
  assert.equal(slicedRoute(2, 1, 1, 1), "simd");
  assert.equal(slicedRoute(2, 256, 256, 256), "simd");
  assert.equal(MAX_SIMD_SLICE_MACS, 256 ** 3);
  assert.equal(slicedRoute(2, 256, 256, 257), "views");
  assert.equal(slicedRoute(2, 1024, 1024, 1024), "views");
  assert.equal(slicedRoute(1, 61, 16, 61), "gemm"); // a single product: the GEMM kernel
  assert.equal(slicedRoute(1, 8, 2048, 2048), "stock"); // ... unless B is too large for it
  assert.equal(slicedRoute(4, 61, 0, 61), "stock");
  // Naturally routed products equal the forced route's, bit for bit.
  tf.tidy(() => {
    const a = tf.tensor(values([3, 20, 9], 90), [3, 20, 9]);
    const b = tf.tensor(values([3, 9, 11], 91), [3, 9, 11]);
    const routed = tf.matMul(a, b).dataSync();
    assert.deepEqual(routed, withSlicedRoute("simd", () => tf.matMul(a, b)).dataSync());
  });
});

Deno.test("wasm batched matmul: the SIMD route reads a transposed a without copying it", async () => {
  await initBackend("wasm");
  const transpose = tf.getKernel("Transpose", "wasm")!;
  const kernelFunc = transpose.kernelFunc;
  let transposes = 0;
  (transpose as { kernelFunc: tf.KernelFunc }).kernelFunc = (args) => {
    transposes++;
    return kernelFunc(args);
  };
  try {
    tf.tidy(() => {
      const a = tf.tensor(values([6, 13, 7], 95), [6, 13, 7]); // op(a) = aᵀ: [6, 7, 13]
      const b = tf.tensor(values([6, 13, 10], 96), [6, 13, 10]);
      assert.ok(takesTransposedA(a, b));
      const counted = (route: SlicedRoute) => {
        transposes = 0;
        const product = withSlicedRoute(route, () => tf.matMul(a, b, true, false));
        return [product.dataSync(), transposes] as const;
      };
      const [simd, simdTransposes] = counted("simd");
      const [views, viewsTransposes] = counted("views");
      assert.equal(simdTransposes, 0);
      assert.equal(viewsTransposes, 1, "the spy does not see the fix's transposes");
      assert.deepEqual(simd, views);
      assertClose(simd, reference(a, b, true, false), "aᵀ·b");
      // A long k is copied first (faster than strided reads past the L1 cache).
      const k = MAX_IN_PLACE_TRANSPOSED_K + 1;
      const long = tf.tensor(values([2, k, 4], 98), [2, k, 4]);
      const right = tf.tensor(values([2, k, 5], 99), [2, k, 5]);
      assert.ok(!takesTransposedA(long, right));
      transposes = 0;
      const copied = tf.matMul(long, right, true, false);
      assert.equal(transposes, 1);
      assertClose(copied.dataSync(), reference(long, right, true, false), "long aᵀ·b");
      // With b transposed too, only b is copied.
      const bt = tf.tensor(values([6, 10, 13], 97), [6, 10, 13]);
      transposes = 0;
      const both = tf.matMul(a, bt, true, true);
      assert.equal(transposes, 1);
      assertClose(both.dataSync(), reference(a, bt, true, true), "aᵀ·bᵀ");
    });
  } finally {
    (transpose as { kernelFunc: tf.KernelFunc }).kernelFunc = kernelFunc;
  }
});

Deno.test("wasm batched matmul: gradients match dA = dY·Bᵀ and dB = Aᵀ·dY", async () => {
  await initBackend("wasm");
  tf.tidy(() => {
    const a = tf.tensor(values([4, 30, 16], 11), [4, 30, 16]);
    const b = tf.tensor(values([4, 16, 20], 12), [4, 16, 20]);
    const dy = tf.tensor(values([4, 30, 20], 13), [4, 30, 20]);
    const [da, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y), dy)))(
      [a, b],
    );
    assertClose(da.dataSync(), reference(dy, b, false, true), "dA");
    assertClose(db.dataSync(), reference(a, dy, true, false), "dB");
  });
});

Deno.test("wasm batched matmul: no route leaks tensors or heap", async () => {
  await initBackend("wasm");
  const a = tf.tensor(values([32, 60, 16], 21), [32, 60, 16]);
  const b = tf.tensor(values([32, 16, 60], 22), [32, 16, 60]);
  const heap = () => (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8;
  for (const route of ROUTES) {
    const product = () => withSlicedRoute(route, () => tf.matMul(a, b)).dispose();
    product(); // the first call may grow the heap once
    const [tensors, bytes, size] = [tf.memory().numTensors, tf.memory().numBytes, heap().length];
    for (let i = 0; i < 100; i++) product();
    assert.equal(tf.memory().numTensors, tensors, route);
    assert.equal(tf.memory().numBytes, bytes, route);
    assert.equal(heap().length, size, route);
  }
  tf.dispose([a, b]);
});
