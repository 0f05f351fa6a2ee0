/**
 * The variable selection network's fused combine (softmax weights × per-variable outputs,
 * summed) against autodiff of the composed ops it replaced: same output and gradients for
 * the outputs and the logits within 1e-5 relative; inference gives the same weights.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import { fusedSelection, selectionForward } from "../../../models/tft/fused_selection.ts";
import { compare, randomTensor } from "../tf/layers/autodiff.ts";

await initBackend("wasm");

const random = randomTensor(new SeededRandom(17));

/** As variable_selection.ts composed it before the fused op. */
function reference(outputs: tf.Tensor, logits: tf.Tensor) {
  const [v, n] = outputs.shape as number[];
  const weights = tf.softmax(logits);
  const byVariable = tf.reshape(tf.transpose(tf.reshape(weights, [n, v])), [v, n, 1]);
  return { output: tf.sum(tf.mul(outputs, byVariable), 0), weights };
}

for (const [v, n, h] of [[2, 5, 3], [3, 7, 5], [14, 40, 16]]) {
  Deno.test(`fused selection equals autodiff of the composed ops (${v} variables, ${n} rows)`, () => {
    const inputs = [random([v, n, h]), random([n, v], 2)];
    compare({
      label: `${v} variables`,
      fused: ([outputs, logits]) => fusedSelection(outputs, logits),
      reference: ([outputs, logits]) => reference(outputs, logits).output,
      inputs,
      names: ["outputs", "logits"],
      random,
      tolerance: 1e-5,
    });
    tf.tidy(() => {
      const plain = selectionForward(inputs[0], inputs[1]);
      const expected = reference(inputs[0], inputs[1]);
      const diff = tf.max(tf.abs(tf.sub(plain.weights, expected.weights))).dataSync()[0];
      assert.ok(diff <= 1e-6, `weights differ by ${diff}`);
    });
  });
}
