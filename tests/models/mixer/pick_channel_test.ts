/**
 * `pickChannel` (a one-hot matmul) returns exactly the slice of a channel, and its gradient
 * exactly the slice's, for every channel: the TSMixer head and RevIN read the target
 * channel through it.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { pickChannel } from "../../../models/mixer/window_layers.ts";

await initBackend("wasm");

Deno.test("pickChannel equals slicing the channel, values and gradients, bit for bit", () => {
  tf.tidy(() => {
    const x = tf.randomNormal([5, 7, 4], 0, 3, "float32", 9) as tf.Tensor3D;
    const probe = tf.randomNormal([5, 7], 0, 1, "float32", 10);
    for (let channel = 0; channel < 4; channel++) {
      const sliced = (t: tf.Tensor) => tf.squeeze(t.slice([0, 0, channel], [-1, -1, 1]), [2]);
      const picked = (t: tf.Tensor) => pickChannel(t as tf.Tensor3D, channel);
      assert.deepEqual(
        Array.from(picked(x).dataSync()),
        Array.from(sliced(x).dataSync()),
        `channel ${channel}`,
      );
      const grad = (f: (t: tf.Tensor) => tf.Tensor) =>
        Array.from(tf.grad((t: tf.Tensor) => tf.sum(tf.mul(f(t), probe)))(x).dataSync());
      assert.deepEqual(grad(picked), grad(sliced), `gradient of channel ${channel}`);
    }
  });
});
