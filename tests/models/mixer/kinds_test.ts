/**
 * The `tsmixer` and `multiscale-tsmixer` kinds beyond the contract suite (which fits the
 * multi-scale kind with the gate): default paths follow the encoder length; the concat fusion
 * and resampled (weekly-mean) paths fit, predict and save byte-identically per seed (layer
 * names are fixed, not counted up per process); bad paths or target channels are refused
 * naming the field.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { defaultPaths } from "../../../models/multiscale_tsmixer/config.ts";
import {
  multiscaleTsmixerConfig,
  multiscaleTsmixerSpec,
} from "../../../models/multiscale_tsmixer/multiscale_tsmixer.ts";
import { tsmixerConfig, tsmixerSpec } from "../../../models/tsmixer/tsmixer.ts";
import { tftFold } from "../tft/tft_fold.ts";

await initBackend("wasm");

const fold = tftFold({ rows: 100, encoderLength: 12, horizon: 2, seed: 9 });
const CONTEXT = { seed: 6, backend: "wasm" };
const tiny = { blocks: 1, ffDim: 4, training: { epochs: 2, batchSize: 16 } };

Deno.test("multiscale-tsmixer: default paths are L/4, 3L/4 and L, distinct", () => {
  assert.deepEqual(defaultPaths(80).map((p) => p.length), [20, 60, 80]);
  assert.deepEqual(defaultPaths(6).map((p) => p.length), [2, 5, 6]);
  assert.deepEqual(defaultPaths(2).map((p) => p.length), [1, 2]);
  assert.ok(defaultPaths(80).every((p) => p.every === 1));
});

Deno.test("multiscale-tsmixer: concat fusion with a resampled path fits, predicts, saves stably", async () => {
  const before = tf.memory().numTensors;
  const config = multiscaleTsmixerConfig.parse({
    ...tiny,
    paths: [{ length: 4 }, { length: 12 }, { length: 3, every: 4 }],
    fuse: "concat",
  });
  const fitOnce = async () => {
    const model = multiscaleTsmixerSpec.create(config, CONTEXT);
    await model.fit(fold);
    const forecast = await model.predict(fold, "test");
    const bytes = await model.save!();
    model.dispose?.();
    return { point: [...forecast.point], bytes };
  };
  const first = await fitOnce();
  const second = await fitOnce();
  assert.ok(first.point.length === fold.splits.test.length * 2);
  assert.ok(first.point.every(Number.isFinite));
  assert.deepEqual(second.point, first.point, "same seed, same forecasts");
  assert.deepEqual(second.bytes, first.bytes, "same seed, same saved bytes");
  assert.equal(tf.memory().numTensors, before);
});

Deno.test("multiscale-tsmixer: more paths than one differ from the single-scale tsmixer", async () => {
  const single = tsmixerSpec.create(tsmixerConfig.parse(tiny), CONTEXT);
  const multi = multiscaleTsmixerSpec.create(multiscaleTsmixerConfig.parse(tiny), CONTEXT);
  await single.fit(fold);
  await multi.fit(fold);
  const a = (await single.predict(fold, "test")).point;
  const b = (await multi.predict(fold, "test")).point;
  assert.notDeepEqual([...a], [...b]);
  single.dispose?.();
  multi.dispose?.();
});

Deno.test("mixer kinds refuse a path longer than the window and a missing target channel", async () => {
  const long = multiscaleTsmixerSpec.create(
    multiscaleTsmixerConfig.parse({ ...tiny, paths: [{ length: 4, every: 5 }] }),
    CONTEXT,
  );
  await assert.rejects(
    () => long.fit(fold),
    /multiscale-tsmixer: config field "paths" has a path of 4 steps × 5 bars, longer than the fold's encoder length 12/,
  );
  const target = tsmixerSpec.create(tsmixerConfig.parse({ ...tiny, target: 3 }), CONTEXT);
  await assert.rejects(
    () => target.fit(fold),
    /tsmixer: config field "target" is 3, but the fold has 3 past features/,
  );
  assert.throws(() => multiscaleTsmixerConfig.parse({ fuse: "sum" }));
});
