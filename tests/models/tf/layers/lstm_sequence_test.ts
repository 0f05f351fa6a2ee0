/**
 * The LSTM sequence op (`models/tf/layers/lstm_sequence.ts`) against autodiff of the plain
 * recurrence: hidden states, final cell state and the gradients of projections, h0, c0 and
 * the recurrent kernel within 1e-5 relative. On wasm the op runs each step's cell as one
 * JavaScript-on-heap kernel per direction (`lstm_cell_wasm.ts`); on cpu as tfjs ops.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../../models/tf/backend.ts";
import { SeededRandom } from "../../../../models/tf/rng.ts";
import { compare, randomTensor } from "./autodiff.ts";
import { lstmSequence } from "../../../../models/tf/layers/lstm_sequence.ts";

await initBackend("wasm");

/** The LSTM recurrence as plain tfjs ops. */
function referenceLstm(projected: tf.Tensor, h0: tf.Tensor, c0: tf.Tensor, u: tf.Tensor) {
  let [h, c] = [h0, c0];
  const hs: tf.Tensor[] = [];
  // (tfjs's own unstack gradient fails on a single slice)
  const steps = projected.shape[0] === 1 ? [tf.squeeze(projected, [0])] : tf.unstack(projected);
  for (const input of steps) {
    const z = tf.add(input, tf.matMul(h as tf.Tensor2D, u as tf.Tensor2D));
    const [i, f, g, o] = tf.split(z, 4, 1);
    c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
    h = tf.mul(tf.sigmoid(o), tf.tanh(c));
    hs.push(h);
  }
  return tf.concat([tf.stack(hs), tf.expandDims(c, 0)], 0);
}

const CASES = [
  { steps: 1, batch: 3, hidden: 4 },
  { steps: 6, batch: 3, hidden: 4 },
  { steps: 13, batch: 5, hidden: 16 },
];

for (const backend of ["wasm", "cpu"]) {
  for (const { steps, batch: b, hidden: h } of CASES) {
    Deno.test(`LSTM sequence on ${backend} equals autodiff of the recurrence (${steps} steps, ${h} units)`, async () => {
      await tf.setBackend(backend);
      try {
        const random = randomTensor(new SeededRandom(5 + steps));
        const inputs = [
          random([steps, b, 4 * h]),
          random([b, h]),
          random([b, h]),
          random([h, 4 * h], 0.5),
        ];
        const before = tf.memory().numTensors;
        compare({
          label: `${backend} lstm ${steps}`,
          fused: ([p, h0, c0, u]) => {
            const out = lstmSequence(p, h0, c0, u);
            return tf.concat([out.hidden, tf.expandDims(out.c, 0)], 0);
          },
          reference: ([p, h0, c0, u]) => referenceLstm(p, h0, c0, u),
          inputs,
          names: ["projected", "h0", "c0", "recurrent"],
          random,
        });
        assert.equal(tf.memory().numTensors, before, "a tensor leaked");
        tf.dispose(inputs);
      } finally {
        await tf.setBackend("wasm");
      }
    });
  }
}
