/**
 * Single products on wasm through the SIMD GEMM kernel (`models/tf/wasm_gemm.ts`):
 * `tf.matMul` (plain, transposed, broadcast b) and `tf.fused.matMul` (bias, relu) equal
 * XNNPACK's results bit for bit on aligned and ragged shapes; the FMA kernel, when chosen,
 * is what runs (a product whose fused result differs) and stays within its bound; repeated
 * calls leak neither tensors nor heap.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import {
  gemmTakes,
  MAX_GEMM_B_FLOATS,
  setFusedMultiplyAdd,
  withoutGemm,
} from "../../../models/tf/wasm_gemm.ts";
import { seededTensor as tensor } from "./seeded_tensor.ts";

/** [m, k, n]: aligned, ragged m and n, k = 1, and the CLS Transformer's 128·384 product. */
const SHAPES: [number, number, number][] = [
  [8, 16, 16],
  [7, 5, 13],
  [5, 3, 2],
  [9, 1, 6],
  [1, 7, 1],
  [33, 130, 70],
  [250, 128, 384],
];

function withFma<T>(body: () => T): T {
  setFusedMultiplyAdd(true);
  try {
    return body();
  } finally {
    setFusedMultiplyAdd(false);
  }
}

Deno.test("GEMM route: tf.matMul equals XNNPACK bit for bit, transposed and broadcast too", async () => {
  await initBackend("wasm");
  assert.ok(gemmTakes(3904, 128, 384) && gemmTakes(128, 3904, 384));
  assert.ok(!gemmTakes(64, 2048, 2048) && !gemmTakes(0, 4, 4));
  assert.ok(!withoutGemm(() => gemmTakes(4, 4, 4)));
  assert.equal(MAX_GEMM_B_FLOATS, 2 ** 21);
  SHAPES.forEach(([m, k, n], s) => {
    const what = `[${m},${k},${n}]`;
    const [a, b] = [tensor([m, k], 10 + s), tensor([k, n], 30 + s)];
    const [at, bt] = [tf.transpose(a), tf.transpose(b)];
    const expected = withoutGemm(() => tf.matMul(a, b));
    for (
      const [x, y, ta, tb] of [[a, b, false, false], [at, b, true, false], [a, bt, false, true], [
        at,
        bt,
        true,
        true,
      ]] as [tf.Tensor2D, tf.Tensor2D, boolean, boolean][]
    ) {
      const got = tf.matMul(x, y, ta, tb);
      assert.deepEqual(
        got.dataSync(),
        expected.dataSync(),
        `${what} transposeA ${ta} transposeB ${tb}`,
      );
      got.dispose();
    }
    // A broadcast b: all of a's rows as one product.
    const batched = tf.tidy(() => tf.stack([a, tf.neg(a)]) as tf.Tensor3D);
    const got = tf.matMul(batched, b);
    const reference = withoutGemm(() => tf.matMul(batched, b));
    assert.deepEqual(got.dataSync(), reference.dataSync(), `${what} broadcast`);
    tf.dispose([a, b, at, bt, expected, batched, got, reference]);
  });
});

Deno.test("GEMM route: tf.fused.matMul (bias, relu) equals XNNPACK's fused kernel bit for bit", async () => {
  await initBackend("wasm");
  SHAPES.forEach(([m, k, n], s) => {
    const [a, b, bias] = [tensor([m, k], 50 + s), tensor([k, n], 70 + s), tensor([n], 90 + s)];
    for (const activation of ["linear", "relu"] as const) {
      for (const withBias of [true, false]) {
        const args = {
          a: a as tf.Tensor2D,
          b: b as tf.Tensor2D,
          activation,
          bias: withBias ? bias : undefined,
        };
        const got = tf.fused.matMul(args);
        const expected = withoutGemm(() => tf.fused.matMul(args));
        const what = `[${m},${k},${n}] ${activation}${withBias ? " with bias" : ""}`;
        assert.deepEqual(got.dataSync(), expected.dataSync(), what);
        if (activation === "relu" && m * n >= 8) {
          assert.ok(got.dataSync().some((v) => v === 0), `${what}: nothing clamped`);
        }
        tf.dispose([got, expected]);
      }
    }
    tf.dispose([a, b, bias]);
  });
});

Deno.test("GEMM route: the FMA kernel runs when chosen, within k·2⁻²⁴·Σ|a·b|", async () => {
  await initBackend("wasm");
  // 1·(−(1 + 2⁻¹¹)) then + (1 + 2⁻¹²)²: multiply-then-add rounds the product to 1 + 2⁻¹¹
  // and gives 0; a fused step keeps its 2⁻²⁴.
  const a = tf.tensor2d([[1, 1 + 2 ** -12]]);
  const b = tf.tensor2d([[-(1 + 2 ** -11)], [1 + 2 ** -12]]);
  assert.deepEqual([...tf.matMul(a, b).dataSync()], [0]);
  const fused = withFma(() => tf.matMul(a, b).dataSync()[0]);
  assert.ok(fused === 2 ** -24 || fused === 0, `relaxed_madd gave ${fused}`);
  console.log(`relaxed_madd ${fused === 2 ** -24 ? "fuses (FMA)" : "multiplies then adds"} here`);
  const [x, y] = [tensor([37, 129], 1), tensor([129, 45], 2)];
  const [xv, yv] = [x.dataSync(), y.dataSync()];
  const first = withFma(() => tf.matMul(x, y));
  const again = withFma(() => tf.matMul(x, y));
  assert.deepEqual(again.dataSync(), first.dataSync(), "FMA results repeat");
  const cv = first.dataSync();
  for (let i = 0; i < 37; i++) {
    for (let j = 0; j < 45; j++) {
      let [exact, magnitude] = [0, 0];
      for (let p = 0; p < 129; p++) {
        exact += xv[i * 129 + p] * yv[p * 45 + j];
        magnitude += Math.abs(xv[i * 129 + p] * yv[p * 45 + j]);
      }
      assert.ok(Math.abs(cv[i * 45 + j] - exact) <= 129 * 2 ** -24 * magnitude * 1.01);
    }
  }
  // Both routes take the FMA kernel: its results differ from XNNPACK's somewhere.
  const [w, bias] = [tensor([129, 384], 3), tensor([384], 4)];
  const fusedArgs = { a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias, activation: "relu" as const };
  const products = [() => tf.matMul(x, w), () => tf.fused.matMul(fusedArgs)];
  for (const product of products) {
    const [withFmaKernel, xnnpack] = [withFma(product), withoutGemm(product)];
    const same = withFmaKernel.dataSync().every((v, i) => v === xnnpack.dataSync()[i]);
    if (fused === 2 ** -24) assert.ok(!same, "the FMA kernel did not run");
    tf.dispose([withFmaKernel, xnnpack]);
  }
  tf.dispose([a, b, x, y, first, again, w, bias]);
});

Deno.test("GEMM route: repeated products leak neither tensors nor wasm heap", async () => {
  await initBackend("wasm");
  const heap = () =>
    (tf.backend() as unknown as { wasm: { HEAPF32: Float32Array } }).wasm.HEAPF32.length;
  const [a, b, bias] = [tensor([3, 1000], 1), tensor([1000, 1000], 2), tensor([1000], 3)];
  tf.matMul(a, b).dispose(); // warm: the first scratch allocation may grow the heap
  const [tensors, size] = [tf.memory().numTensors, heap()];
  for (let i = 0; i < 100; i++) {
    tf.matMul(a, b).dispose(); // 4 MB of packing scratch a call: 400 MB if it leaked
    tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias, activation: "relu" })
      .dispose();
  }
  assert.equal(tf.memory().numTensors, tensors);
  assert.equal(heap(), size, "the wasm heap grew: scratch is not freed");
  tf.dispose([a, b, bias]);
});
