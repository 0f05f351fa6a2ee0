/**
 * The turned matmul (`models/tf/wasm_matmul_fix.ts`): a product with a transposed left
 * operand and a large right one is computed as Cᵀ = op(B)ᵀ·op(A)ᵀ, which must give
 * bit-identical results to the direct product (XNNPACK sums over k in order either way),
 * leak nothing, and be chosen only where it packs fewer elements.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { orientation, withoutTurning } from "../../../models/tf/wasm_matmul_fix.ts";
import { seededTensor as tensor } from "./seeded_tensor.ts";

Deno.test("orientation turns weight gradients with a wide right operand, nothing else", () => {
  // The CLS Transformer's query-key-value kernel gradient: Xᵀ[128, 3904] · dY[3904, 384].
  assert.equal(orientation({ m: 128, k: 3904, n: 384 }, true, false), "turned");
  // Its forward product and input gradient keep the small kernel on the right.
  assert.equal(orientation({ m: 3904, k: 128, n: 384 }, false, false), "direct");
  assert.equal(orientation({ m: 3904, k: 384, n: 128 }, false, true), "direct");
  // A square gradient gains nothing from turning (it would add a transpose of the result).
  assert.equal(orientation({ m: 128, k: 3904, n: 128 }, true, false), "direct");
  // A narrower output than input: direct already packs the smaller operand.
  assert.equal(orientation({ m: 256, k: 3904, n: 128 }, true, false), "direct");
});

Deno.test("turned products are bit-identical to direct ones and leak nothing", async () => {
  await initBackend("wasm");
  // [m, k, n] with a transposed left operand (and a transposed right one in the last case):
  // aligned, ragged (m, n not multiples of 4), k = 1, and a TFT-sized gradient.
  const cases: Array<[number, number, number, boolean]> = [
    [32, 600, 96, false],
    [13, 257, 70, false],
    [3, 1, 50, false],
    [16, 3840, 64, false],
    [24, 300, 90, true],
  ];
  for (const [m, k, n, transposeB] of cases) {
    assert.equal(orientation({ m, k, n }, true, transposeB), "turned", `[${m}, ${k}, ${n}]`);
    const a = tensor([k, m], m);
    const b = tensor(transposeB ? [n, k] : [k, n], n);
    const before = tf.memory();
    const turned = tf.matMul(a, b, true, transposeB);
    assert.equal(tf.memory().numTensors, before.numTensors + 1, "one output, no temporaries");
    assert.equal(tf.memory().numBytes, before.numBytes + 4 * m * n);
    const direct = withoutTurning(() => tf.matMul(a, b, true, transposeB));
    assert.deepEqual(turned.shape, [m, n]);
    assert.deepEqual(turned.dataSync(), direct.dataSync(), `[${m}, ${k}, ${n}]: not identical`);
    // Sanity against float64: the identical pair must also be the right product.
    const [av, bv, cv] = [a.dataSync(), b.dataSync(), turned.dataSync()];
    const [i, j] = [m - 1, n - 1];
    let sum = 0;
    for (let p = 0; p < k; p++) sum += av[p * m + i] * bv[transposeB ? j * k + p : p * n + j];
    assert.ok(Math.abs(cv[i * n + j] - sum) <= 1e-4 * Math.max(1, Math.abs(sum)));
    tf.dispose([a, b, turned, direct]);
  }
});

Deno.test("a dense layer's kernel gradient is the same turned or not", async () => {
  await initBackend("wasm");
  const x = tensor([512, 16], 1);
  const w = tensor([16, 64], 2);
  const dy = tensor([512, 64], 3);
  const gradient = () =>
    tf.grad((kernel: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, kernel), dy)))(w);
  const [turned, direct] = [gradient(), withoutTurning(gradient)];
  assert.deepEqual(turned.dataSync(), direct.dataSync());
  tf.dispose([x, w, dy, turned, direct]);
});
