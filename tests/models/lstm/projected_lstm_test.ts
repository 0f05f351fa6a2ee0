import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { ProjectedLstm } from "../../../models/lstm/projected_lstm.ts";
import { initBackend } from "../../../models/tf/backend.ts";
import { loadLayersModel, saveLayersModel } from "../../../models/tf/serialize.ts";

await initBackend("wasm");

/** tfjs' own LSTM layer (autodiff through its cell) with the weights of `ours`. */
function tfjsLstm(ours: ProjectedLstm, steps: number, features: number): tf.layers.Layer {
  const reference = tf.layers.lstm({
    units: ours.units,
    returnSequences: ours.returnSequences,
    recurrentActivation: "sigmoid", // tfjs defaults to hard sigmoid
    name: `reference_${ours.name}`,
  });
  reference.apply(tf.input({ shape: [steps, features] })); // builds its (name-scoped) weights
  reference.setWeights(ours.getWeights()); // same gate layout: [i, f, g, o]
  return reference;
}

const maxDifference = (a: tf.Tensor, b: tf.Tensor) => tf.sub(a, b).abs().max().dataSync()[0];

for (const returnSequences of [true, false]) {
  Deno.test(`ProjectedLstm (returnSequences ${returnSequences}) matches tfjs' LSTM: outputs and gradients`, () => {
    const units = 5;
    const ours = new ProjectedLstm({
      units,
      returnSequences,
      seed: 3,
      name: `ours_${returnSequences}`,
    });
    const x = tf.randomNormal([4, 7, 3], 0, 1, "float32", 11);
    const w = tf.randomNormal(returnSequences ? [4, 7, units] : [4, units], 0, 1, "float32", 12);
    ours.apply(x);
    const reference = tfjsLstm(ours, 7, 3);
    tf.tidy(() => {
      // The loss Σ w·y reaches every output, and its gradient every weight.
      const gradients = (layer: tf.layers.Layer) =>
        tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, w)) as tf.Scalar);
      assert.ok(maxDifference(ours.apply(x) as tf.Tensor, reference.apply(x) as tf.Tensor) < 1e-5);
      const [g, r] = [gradients(ours), gradients(reference)];
      const byShape = (grads: tf.NamedTensorMap) =>
        Object.values(grads).sort((a, b) => a.size - b.size || a.shape[0] - b.shape[0]);
      const [gs, rs] = [byShape(g.grads), byShape(r.grads)];
      assert.equal(gs.length, 3);
      assert.deepEqual(gs.map((t) => t.shape), rs.map((t) => t.shape));
      gs.forEach((t, k) => {
        const scale = Math.max(1, rs[k].abs().max().dataSync()[0]);
        const difference = maxDifference(t, rs[k]) / scale;
        assert.ok(difference < 1e-5, `gradient ${k} [${t.shape}] differs by ${difference}`);
      });
    });
    tf.dispose([x, w]);
  });
}

Deno.test("ProjectedLstm refuses a saved layer with the earlier gate layout, naming what to do", () => {
  const layer = new ProjectedLstm({ units: 2, returnSequences: false, seed: 1, name: "old" });
  const { gateOrder: _, ...before } = layer.getConfig();
  assert.throws(
    () => ProjectedLstm.fromConfig(ProjectedLstm, before),
    /ProjectedLstm old: saved with gate order ifog .*re-run the train node/,
  );
  const again = ProjectedLstm.fromConfig(ProjectedLstm, layer.getConfig());
  assert.equal((again as ProjectedLstm).units, 2);
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
  assert.deepEqual(values(a)[2], [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]); // forget: 1
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
