import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ProjectedLstm } from "../../../models/lstm/projected_lstm.ts";
import { initBackend } from "../../../models/tf/backend.ts";
import { loadLayersModel, saveLayersModel } from "../../../models/tf/serialize.ts";

await initBackend("wasm");

/** Gate blocks [i, f, o, g] (ours) → [i, f, g, o] (tfjs' LSTMCell) along the last axis. */
function toTfjsGateOrder(w: tf.Tensor, units: number): tf.Tensor {
  const [i, f, o, g] = tf.split(w, [units, units, units, units], w.rank - 1);
  return tf.concat([i, f, g, o], w.rank - 1);
}

Deno.test("ProjectedLstm computes exactly what tfjs' LSTM computes with the same weights", () => {
  const units = 5;
  const ours = new ProjectedLstm({ units, returnSequences: true, seed: 3, name: "ours" });
  const x = tf.randomNormal([4, 7, 3], 0, 1, "float32", 11);
  const expected = tf.tidy(() => {
    const y = ours.apply(x) as tf.Tensor;
    const reference = tf.layers.lstm({
      units,
      returnSequences: true,
      recurrentActivation: "sigmoid", // tfjs defaults to hard sigmoid
      name: "reference",
    });
    reference.apply(tf.input({ shape: [7, 3] })); // builds its (name-scoped) weights
    reference.setWeights(ours.getWeights().map((w) => toTfjsGateOrder(w, units)));
    return tf.sub(y, reference.apply(x) as tf.Tensor).abs().max();
  });
  assert.ok(expected.dataSync()[0] < 1e-5, `max difference ${expected.dataSync()[0]}`);
  tf.dispose([x, expected]);
});

Deno.test("ProjectedLstm: seeded init, forget bias 1, last state or sequence, config round trip", async () => {
  const a = new ProjectedLstm({ units: 4, returnSequences: false, seed: 1, name: "a" });
  const b = new ProjectedLstm({ units: 4, returnSequences: false, seed: 1, name: "b" });
  const c = new ProjectedLstm({ units: 4, returnSequences: false, seed: 2, name: "c" });
  const input = tf.input({ shape: [5, 2] });
  const outputs = [a, b, c].map((layer) => layer.apply(input) as tf.SymbolicTensor);
  const values = (layer: ProjectedLstm) => layer.getWeights().map((w) => [...w.dataSync()]);
  assert.deepEqual(values(a), values(b));
  assert.notDeepEqual(values(a)[0], values(c)[0]);
  assert.notDeepEqual(values(a)[0].slice(0, 16), values(a)[1].slice(0, 16)); // own stream each
  assert.deepEqual(values(a)[2], [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  // Orthogonal recurrent kernel [4, 16]: rows are orthonormal.
  const u = values(a)[1];
  for (let r = 0; r < 4; r++) {
    for (let s = 0; s < 4; s++) {
      let dot = 0;
      for (let k = 0; k < 16; k++) dot += u[r * 16 + k] * u[s * 16 + k];
      assert.ok(Math.abs(dot - (r === s ? 1 : 0)) < 1e-5);
    }
  }
  const model = tf.model({ inputs: input, outputs: outputs[0] });
  assert.deepEqual(model.outputs[0].shape, [null, 4]);
  const loaded = await loadLayersModel(await saveLayersModel(model));
  const x = tf.randomNormal([3, 5, 2], 0, 1, "float32", 4);
  const [p, q] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
  assert.deepEqual([...q.dataSync()], [...p.dataSync()]);
  tf.dispose([x, p, q]);
  assert.throws(() => new ProjectedLstm({ units: 0, returnSequences: false, seed: 1 }), /units/);
});
