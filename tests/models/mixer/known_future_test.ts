/**
 * The conditional (known-future) TSMixer, `tsmixer` with `knownFuture: true`: the head reads
 * the forecast steps' known covariates and only those (changing them changes the forecast;
 * changing the known rows inside the encoder window does not), it fits, predicts, saves and
 * reloads identically per seed, the default stays the past-only network, and a fold without
 * known features is refused naming the field.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { tsmixerConfig, tsmixerSpec } from "../../../models/tsmixer/tsmixer.ts";
import { buildTsMixer } from "../../../models/mixer/network.ts";
import { ConditionalHead } from "../../../models/mixer/conditional_head.ts";
import { tftFold } from "../tft/tft_fold.ts";

await initBackend("wasm");

const fold = tftFold({ rows: 100, encoderLength: 12, horizon: 2, seed: 9 });
const CONTEXT = { seed: 6, backend: "wasm" };
const tiny = { blocks: 1, ffDim: 4, training: { epochs: 2, batchSize: 16 } };

Deno.test("tsmixer config: knownFuture defaults to false", () => {
  assert.equal(tsmixerConfig.parse({}).knownFuture, false);
  assert.equal(tsmixerConfig.safeParse({ knownFuture: "yes" }).success, false);
});

Deno.test("the conditional head reads the forecast steps' covariates only", () => {
  tf.tidy(() => {
    const [window, channels, covariates, horizon] = [6, 3, 2, 2];
    const past = tf.input({ shape: [window, channels] });
    const known = tf.input({ shape: [window + horizon, covariates] });
    const model = buildTsMixer({
      window,
      channels,
      horizon,
      target: 0,
      blocks: 1,
      ffDim: 4,
      dropout: 0,
      revin: true,
      paths: [{ length: window, every: 1 }],
      fuse: "concat",
      seed: 3,
      input: past,
      known,
    });
    assert.ok(model.layers.some((layer) => layer instanceof ConditionalHead));
    const x = tf.randomNormal([4, window, channels], 0, 1, "float32", 1);
    const k = tf.randomNormal([4, window + horizon, covariates], 0, 1, "float32", 2);
    const run = (kv: tf.Tensor) => (model.predict([x, kv]) as tf.Tensor).arraySync() as number[][];
    const base = run(k);
    assert.deepEqual([base.length, base[0].length], [4, horizon]);
    // Encoder-window rows of the known input are not read: same forecast.
    const earlier = tf.concat([
      tf.zerosLike(k.slice([0, 0, 0], [-1, window, -1])),
      k.slice([0, window, 0], [-1, horizon, -1]),
    ], 1);
    assert.deepEqual(run(earlier), base);
    // The forecast steps' covariates are: another forecast.
    const later = tf.concat([
      k.slice([0, 0, 0], [-1, window, -1]),
      tf.add(k.slice([0, window, 0], [-1, horizon, -1]), 1),
    ], 1);
    assert.notDeepEqual(run(later), base);
  });
});

Deno.test("tsmixer with knownFuture fits, predicts, saves and reloads per seed", async () => {
  const before = tf.memory().numTensors;
  const config = tsmixerConfig.parse({ ...tiny, knownFuture: true });
  const fitOnce = async () => {
    const model = tsmixerSpec.create(config, CONTEXT);
    await model.fit(fold);
    const forecast = await model.predict(fold, "test");
    const bytes = await model.save!();
    model.dispose?.();
    return { point: [...forecast.point], bytes };
  };
  const first = await fitOnce();
  const second = await fitOnce();
  assert.equal(first.point.length, fold.splits.test.length * 2);
  assert.ok(first.point.every(Number.isFinite));
  assert.deepEqual(second.point, first.point);
  assert.deepEqual(second.bytes, first.bytes);
  const loaded = await tsmixerSpec.load!(config, CONTEXT, first.bytes);
  assert.deepEqual([...(await loaded.predict(fold, "test")).point], first.point);
  loaded.dispose?.();

  const plain = tsmixerSpec.create(tsmixerConfig.parse(tiny), CONTEXT);
  await plain.fit(fold);
  assert.notDeepEqual([...(await plain.predict(fold, "test")).point], first.point);
  plain.dispose?.();
  assert.equal(tf.memory().numTensors, before);
});

Deno.test("knownFuture on a fold without known features is refused naming the field", async () => {
  const bare = {
    ...fold,
    known: { ...fold.known, cols: 0, values: new Float32Array(0) },
    knownNames: [],
  };
  const model = tsmixerSpec.create(tsmixerConfig.parse({ ...tiny, knownFuture: true }), CONTEXT);
  await assert.rejects(() => model.fit(bare), /knownFuture.*no known-future features/);
  model.dispose?.();
});
