/**
 * Recurrent inference of a fitted `mamba` model: fed the bars of an origin's window from a
 * zero state, the stream's forecast after the last bar equals `predict` (the full-sequence
 * forward) at that origin, for every test origin; its per-bar work does not grow with the
 * history; it refuses a bar of the wrong width and leaks no tensors.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { mambaConfig, type MambaModel, mambaSpec } from "../../../models/mamba/mamba.ts";
import { tftFold } from "../tft/tft_fold.ts";

await initBackend("wasm");

const fold = tftFold({ rows: 90, encoderLength: 8, horizon: 2, seed: 3 });
const config = mambaConfig.parse({
  dModel: 8,
  layers: 2,
  dState: 4,
  training: { epochs: 2, batchSize: 16 },
});

const pastRow = (row: number) =>
  fold.past.values.subarray(row * fold.past.cols, (row + 1) * fold.past.cols);

Deno.test("mamba: the recurrent stream equals the full-sequence forward on each window", async () => {
  const before = tf.memory().numTensors;
  const model = mambaSpec.create(config, { seed: 4, backend: "wasm" }) as MambaModel;
  await model.fit(fold);
  const forecast = await model.predict(fold, "test");
  const stream = model.stream(fold);
  const L = fold.encoderLength;
  let worst = 0;
  forecast.origins.forEach((origin, i) => {
    stream.reset();
    let last: Float32Array = new Float32Array();
    for (let row = origin - L + 1; row <= origin; row++) last = stream.push(pastRow(row));
    assert.equal(stream.bars, L);
    for (let h = 0; h < fold.horizon; h++) {
      const full = forecast.point[i * fold.horizon + h];
      worst = Math.max(worst, Math.abs(last[h] - full));
      assert.ok(Math.abs(last[h] - full) <= 1e-6 + 1e-4 * Math.abs(full), `origin ${origin}`);
    }
  });
  assert.ok(forecast.origins.length > 5 && worst < 1e-5, `worst difference ${worst}`);
  assert.throws(() => stream.push([1, 2]), /a bar has 2 past features; the model was fitted on 3/);
  stream.dispose();
  assert.throws(() => stream.push(pastRow(0)), /after dispose/);
  model.dispose();
  assert.equal(tf.memory().numTensors, before, "no tensors leak");
});

Deno.test("mamba: the recurrent stream carries a fixed-size state, not the history", async () => {
  const model = mambaSpec.create(config, { seed: 4, backend: "wasm" }) as MambaModel;
  await model.fit(fold);
  const stream = model.stream(fold);
  const live = () => tf.memory().numTensors;
  stream.push(pastRow(0));
  const afterOne = live();
  for (let row = 1; row < 60; row++) stream.push(pastRow(row));
  assert.equal(live(), afterOne, "the carried state does not grow with the bars consumed");
  stream.dispose();
  model.dispose();
});
