import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { SeededDropout } from "../../../models/tf/dropout.ts";
import {
  loadLayersModel,
  loadWithMetadata,
  saveLayersModel,
  saveWithMetadata,
} from "../../../models/tf/serialize.ts";

await initBackend("wasm");

function buildModel(): tf.LayersModel {
  const input = tf.input({ shape: [3], name: "in" });
  const hidden = tf.layers.dense({
    units: 5,
    activation: "relu",
    kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    name: "hidden",
  }).apply(input);
  const dropped = new SeededDropout({ rate: 0.2, seed: 4, name: "drop" }).apply(hidden);
  const output = tf.layers.dense({
    units: 2,
    kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
    name: "out",
  }).apply(dropped) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: "toy" });
}

Deno.test("save/load round trip gives identical predictions and keeps metadata", async () => {
  const model = buildModel();
  model.setUserDefinedMetadata({ targetMean: 0.25 });
  const bytes = await saveLayersModel(model);
  const loaded = await loadLayersModel(bytes);
  const x = tf.tensor2d([[0.1, -0.4, 2], [1, 1, -1]]);
  const a = model.predict(x) as tf.Tensor;
  const b = loaded.predict(x) as tf.Tensor;
  assert.deepEqual([...b.dataSync()], [...a.dataSync()]);
  assert.deepEqual(loaded.getUserDefinedMetadata(), { targetMean: 0.25 });
  assert.ok(loaded.getLayer("drop") instanceof SeededDropout);
  tf.dispose([x, a, b]);
  model.dispose();
  loaded.dispose();
});

Deno.test("saving is deterministic: the same model gives the same bytes", async () => {
  const a = buildModel();
  const b = buildModel(); // same explicit names and seeds, built later in the process
  assert.deepEqual(await saveLayersModel(a), await saveLayersModel(b));
  assert.deepEqual(await saveLayersModel(a), await saveLayersModel(a));
  a.dispose();
  b.dispose();
});

Deno.test("loading names bad bytes", async () => {
  await assert.rejects(() => loadLayersModel(new Uint8Array([1, 2, 3])), /not a finfusion/);
  const model = buildModel();
  const bytes = await saveLayersModel(model);
  await assert.rejects(() => loadLayersModel(bytes.slice(0, bytes.length - 4)), /weight data/);
  model.dispose();
});

Deno.test("metadata travels with the weights and guards against loading another kind", async () => {
  const model = buildModel();
  const bytes = await saveWithMetadata(model, { kind: "toy", mean: 0.5, names: ["a", "b"] });
  const { model: loaded, metadata } = await loadWithMetadata<
    { kind: string; mean: number; names: string[] }
  >("toy", bytes);
  assert.deepEqual(metadata, { kind: "toy", mean: 0.5, names: ["a", "b"] });
  assert.equal(loaded.countParams(), model.countParams());
  loaded.dispose();
  const before = tf.memory().numTensors;
  await assert.rejects(
    loadWithMetadata("lstm", bytes),
    /^Error: lstm: the saved weights are a "toy" model$/,
  );
  model.setUserDefinedMetadata({ other: 1 });
  await assert.rejects(
    loadWithMetadata("lstm", await saveLayersModel(model)),
    /lstm: the saved weights are missing finfusion metadata/,
  );
  assert.equal(tf.memory().numTensors, before, "a refused model is disposed");
  model.dispose();
});
