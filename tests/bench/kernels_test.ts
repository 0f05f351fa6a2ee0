/**
 * The benches' kernel profiles (`bench/kernels.ts`) and the LSTM step split built on them
 * (`bench/mixers/lstm_split.ts`): kernels are summed by name, custom-gradient scopes are not
 * counted twice, products carry their floating-point operations, and the LSTM split's two fits
 * subtract to exactly their extra training steps. The asserts count kernels, not time.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../models/tf/backend.ts";
import { productFlops, profileKernels } from "../../bench/kernels.ts";
import { type EpochPreset, fitPreset } from "../../bench/mixers/epoch.ts";
import { LSTM_PROFILED_STEPS, profileLstm } from "../../bench/mixers/lstm_split.ts";

Deno.test("productFlops: 2·m·k·n from the shapes, whichever operand is transposed", () => {
  assert.equal(productFlops([[6, 4], [4, 5]], [6, 5]), 2 * 6 * 4 * 5);
  assert.equal(productFlops([[4, 6], [4, 5]], [6, 5]), 2 * 6 * 4 * 5); // aᵀ·b
  assert.equal(productFlops([[6, 4], [5, 4]], [6, 5]), 2 * 6 * 4 * 5); // a·bᵀ
  assert.equal(productFlops([[3, 7, 2], [3, 2, 7]], [3, 7, 7]), 2 * 3 * 7 * 2 * 7);
});

Deno.test("profileKernels sums kernels by name and counts the products' work once", async () => {
  await initBackend("wasm");
  const a = tf.ones([6, 4]);
  const b = tf.ones([4, 5]);
  const split = await profileKernels(async () => {
    const grad = tf.grad((x: tf.Tensor) => tf.sum(tf.matMul(x, b)));
    const out = tf.tidy(() => tf.add(tf.matMul(a, b), 1));
    const g = grad(a);
    await out.data();
    tf.dispose([out, g]);
  });
  tf.dispose([a, b]);
  // a·b twice ([6,4]·[4,5]) and the gradient's dy·bᵀ ([6,5]·[5,4]), each 240 operations.
  assert.equal(split.productFlops, 3 * 240);
  assert.equal(split.byName.get("BatchMatMul")?.calls, 3);
  assert.ok(split.byName.has("Add"));
  assert.ok(![...split.byName.keys()].some((name) => name.endsWith("__op")), "ops are not kernels");
  const summed = [...split.byName.values()].reduce((sum, { ms }) => sum + ms, 0);
  assert.ok(Math.abs(summed - split.totalMs) < 1e-9);
  assert.ok(split.productMs <= split.totalMs);
});

Deno.test("profileLstm isolates training steps: the cell and products they run", async () => {
  const tiny: EpochPreset = {
    kind: "lstm",
    train: 64,
    validation: 4,
    length: 5,
    features: 3,
    batch: 4,
    width: 4,
    layers: 1,
    timedEpochs: 0,
  };
  const split = await profileLstm((steps) =>
    fitPreset(tiny, { backend: "wasm", epochs: 1, train: steps * tiny.batch })
  );
  // The fits' difference is LSTM_PROFILED_STEPS training steps and nothing else: one cell a
  // time step (1 layer, 5 steps) each way, and per step the head's and the LSTM's products.
  assert.deepEqual(split.cellCalls, {
    forward: LSTM_PROFILED_STEPS * 5,
    backward: LSTM_PROFILED_STEPS * 5,
  });
  assert.equal(split.productCalls % LSTM_PROFILED_STEPS, 0, `${split.productCalls} products`);
  assert.ok(split.productCalls > 0 && split.productFlops > 0);
});
