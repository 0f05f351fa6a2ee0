import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import { patchWasmSlicing } from "../../../models/tf/wasm_slice_fix.ts";

function values(shape: number[], seed: number): Float32Array {
  const rng = new SeededRandom(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());
}

type Case = (x: tf.Tensor) => tf.Tensor[];
const cases: Array<[string, number[], Case]> = [
  ["contiguous slice", [6, 4, 3], (x) => [x.slice([2, 0, 0], [3, 4, 3])]],
  ["strided rank-3 slice", [5, 7, 6], (x) => [x.slice([1, 2, 3], [3, 4, 2])]],
  ["strided rank-5 slice", [2, 3, 4, 3, 5], (x) => [x.slice([1, 1, 0, 1, 2], [1, 2, 3, 2, 3])]],
  ["unstack along time", [4, 9, 5], (x) => tf.unstack(x, 1)],
  ["split into unequal parts", [3, 10], (x) => tf.split(x, [2, 5, 3], 1)],
  ["split in the middle axis", [3, 8, 2], (x) => tf.split(x, 4, 1)],
  ["int32 slice", [4, 5], (x) => [x.cast("int32").slice([1, 1], [2, 3])]],
];

function run(): number[][][] {
  return cases.map(([, shape, op], i) =>
    tf.tidy(() => op(tf.tensor(values(shape, i), shape)).map((t) => [...t.dataSync()]))
  );
}

// This module patches nothing before this test, so the first run uses tfjs's own kernels.
Deno.test("patched wasm Slice/Unpack/SplitV match tfjs's own kernels exactly", async () => {
  await initBackend("wasm");
  const expected = run();
  patchWasmSlicing();
  const actual = run();
  cases.forEach(([name], i) => assert.deepEqual(actual[i], expected[i], name));
});

Deno.test("patched slicing keeps gradients and frees its outputs", async () => {
  await initBackend("wasm");
  patchWasmSlicing();
  const x = tf.tensor(values([2, 6, 3], 9), [2, 6, 3]);
  const before = tf.memory().numTensors;
  const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.stack(tf.unstack(t, 1).slice(1, 4), 1)))(x);
  // Steps 1..3 of each sequence get gradient 1, the others 0.
  const expected = Array.from({ length: 36 }, (_, i) => {
    const step = Math.floor(i / 3) % 6;
    return step >= 1 && step <= 3 ? 1 : 0;
  });
  assert.deepEqual([...grad.dataSync()], expected);
  grad.dispose();
  assert.equal(tf.memory().numTensors, before);
  x.dispose();
});
