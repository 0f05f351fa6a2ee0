import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";

Deno.test("wasm clone: shares the buffer, gradients flow through it, nothing leaks", async () => {
  await initBackend("wasm");
  const x = tf.tensor([1, -2, 3]);
  const before = tf.memory().numTensors;
  const y = tf.clone(x);
  assert.deepEqual([...y.dataSync()], [1, -2, 3]);
  assert.equal(y.dataId, x.dataId, "no second buffer");
  y.dispose();
  assert.deepEqual([...x.dataSync()], [1, -2, 3], "the original survives its clone's disposal");
  // d/dx Σ clone(x)² · x = 3x² through the clone and the saved tensors.
  const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.square(tf.clone(t)), t)))(x);
  assert.deepEqual([...grad.dataSync()], [3, 12, 27]);
  grad.dispose();
  assert.equal(tf.memory().numTensors, before);
  x.dispose();
});
