/**
 * The mixer kinds' per-series embedding (`seriesEmbedding`, models/mixer/series_embedding.ts):
 * the layer's shape and its gradient, ids that tell identical windows apart (at init and after
 * training a global model on a real constituents panel view), deterministic fit/save/reload,
 * the default (0) keeping the past-only network, a fold without series ids refused naming the
 * field, and the embedding beside the known-future head (inputs static, past, known).
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../../models/tf/backend.ts";
import { buildTsMixer } from "../../../models/mixer/network.ts";
import { SeriesEmbedding } from "../../../models/mixer/series_embedding.ts";
import {
  multiscaleTsmixerConfig,
  multiscaleTsmixerSpec,
} from "../../../models/multiscale_tsmixer/multiscale_tsmixer.ts";
import { tsmixerConfig, tsmixerSpec } from "../../../models/tsmixer/tsmixer.ts";
import { buildPanelFrame } from "../../../data/panel/frame.ts";
import { panelFold } from "../../../data/panel/fold.ts";
import { panelView, viewCell } from "../../../models/fusion/panel_view.ts";
import { PANEL_DEFAULT_FEATURES } from "../../../tasks/feature.ts";
import type { Fold } from "../../../models/contract.ts";
import { smallPanel } from "../../data/panel/_panel.ts";

await initBackend("wasm");

const CONTEXT = { seed: 4, backend: "wasm" };
const tiny = { blocks: 1, ffDim: 4, training: { epochs: 2, batchSize: 32 } };

const frame = buildPanelFrame(await smallPanel(), {
  frequency: "weekly",
  features: [...PANEL_DEFAULT_FEATURES],
});
const panel = panelFold(frame, {
  testYear: 2019,
  trainYears: 6,
  validationYears: 1,
  encoderLength: 12,
  horizon: 1,
  embargo: 0,
  clipStd: 5,
  minTrainRows: 60,
}).fold;
const constituents = panelView(panel, { series: "constituents", trainStride: 1 });

/** A network on [window, ids] of `width` channels, L steps and `vocabulary` ids. */
function network(dim: number) {
  const [L, C] = [6, 3];
  return buildTsMixer({
    window: L,
    channels: C,
    horizon: 2,
    target: 0,
    blocks: 1,
    ffDim: 4,
    dropout: 0,
    revin: true,
    paths: [{ length: L, every: 1 }, { length: 3, every: 1 }],
    fuse: "concat",
    seed: 3,
    input: tf.input({ shape: [L, C], name: "past" }),
    series: { input: tf.input({ shape: [2], name: "static" }), column: 1, vocabulary: 4, dim },
  });
}

Deno.test("series embedding: appends dim channels per step; identical windows differ by id", () => {
  tf.tidy(() => {
    const layer = new SeriesEmbedding({ column: 1, vocabulary: 4, dim: 3, seed: 1 });
    const window = tf.randomNormal([5, 6, 2], 0, 1, "float32", 1);
    const ids = tf.tensor2d([[9, 0], [9, 1], [9, 2], [9, 3], [9, 1]]);
    const out = layer.apply([window, ids]) as tf.Tensor3D;
    assert.deepEqual(out.shape, [5, 6, 5]);
    const values = out.arraySync();
    // The window passes through; the embedding is the same at every step of a window.
    assert.deepEqual(values[0].map((s) => s.slice(0, 2)), (window.arraySync() as number[][][])[0]);
    assert.deepEqual(values[1][0].slice(2), values[1][5].slice(2));
    // Ids 1 and 1 share a vector; ids 0..3 have four different ones.
    assert.deepEqual(values[1][0].slice(2), values[4][0].slice(2));
    const vectors = values.slice(0, 4).map((w) => JSON.stringify(w[0].slice(2)));
    assert.equal(new Set(vectors).size, 4);

    const model = network(3);
    assert.deepEqual(model.inputs.map((x) => x.name), ["static", "past"]);
    const same = tf.tile(tf.randomNormal([1, 6, 3], 0, 1, "float32", 2), [2, 1, 1]);
    const forecast = model.predict([tf.tensor2d([[0, 0], [0, 3]]), same]) as tf.Tensor;
    assert.deepEqual(forecast.shape, [2, 2]);
    const [a, b] = forecast.arraySync() as number[][];
    assert.notDeepEqual(a, b, "one window, two series ids: two forecasts");
  });
});

Deno.test("series embedding: the loss's gradient reaches the embedding table", () => {
  const model = network(3);
  const table = model.getLayer("series_embedding").trainableWeights[0].read() as tf.Variable;
  assert.deepEqual(table.shape, [4, 3]);
  const { grads } = tf.variableGrads(() =>
    tf.tidy(() => {
      const x = tf.randomNormal([8, 6, 3], 0, 1, "float32", 5);
      const ids = tf.tensor2d(Array.from({ length: 8 }, (_, i) => [0, i % 3]));
      const y = tf.randomNormal([8, 2], 0, 1, "float32", 6);
      return tf.losses.meanSquaredError(y, model.predict([ids, x]) as tf.Tensor) as tf.Scalar;
    }), [table]);
  const grad = grads[table.name].arraySync() as number[][];
  // Ids 0–2 were read, id 3 was not: only its row has no gradient.
  for (const id of [0, 1, 2]) assert.ok(grad[id].some((g) => Math.abs(g) > 0), `row ${id}`);
  assert.deepEqual(grad[3], [0, 0, 0]);
  tf.dispose(grads);
  model.dispose();
});

/** The view with block `to`'s past features replaced by block `from`'s (same rows, same dates). */
function copyBlock(view: Fold, from: number, to: number): Fold {
  const T = panel.dates.length;
  const F = view.past.cols;
  const values = view.past.values.slice();
  values.copyWithin(to * T * F, from * T * F, (from + 1) * T * F);
  return { ...view, past: { ...view.past, values } };
}

Deno.test("multiscale-tsmixer with seriesEmbedding: a global model tells series apart, fits and reloads identically", async () => {
  const before = tf.memory().numTensors;
  const config = multiscaleTsmixerConfig.parse({ ...tiny, seriesEmbedding: 3 });
  const fitOnce = async () => {
    const model = multiscaleTsmixerSpec.create(config, CONTEXT);
    await model.fit(constituents);
    const bytes = await model.save!();
    const twin = copyBlock(constituents, 0, 3); // AAPL's windows become XLK's
    const forecast = await model.predict(twin, "test");
    model.dispose?.();
    return { forecast, bytes };
  };
  const first = await fitOnce();
  const second = await fitOnce();
  assert.deepEqual(second.bytes, first.bytes, "same seed, same saved bytes");
  assert.deepEqual([...second.forecast.point], [...first.forecast.point]);
  // The same window under ids 0 (XLK) and 3 (AAPL): different forecasts once trained.
  const { origins, point } = first.forecast;
  const byCell = new Map<string, number>();
  origins.forEach((row, i) => {
    const cell = viewCell(panel, "constituents", row);
    byCell.set(`${cell.member}:${cell.row}`, point[i]);
  });
  let pairs = 0;
  for (const [key, value] of byCell) {
    const [member, row] = key.split(":");
    if (member !== "1" || !byCell.has(`4:${row}`)) continue;
    assert.notEqual(byCell.get(`4:${row}`), value, `panel row ${row}`);
    pairs++;
  }
  assert.ok(pairs > 10, `${pairs} test origins where XLK and AAPL are both present`);

  const loaded = await multiscaleTsmixerSpec.load!(config, CONTEXT, first.bytes);
  const again = await loaded.predict(copyBlock(constituents, 0, 3), "test");
  assert.deepEqual([...again.point], [...first.forecast.point], "reloaded: same forecasts");
  loaded.dispose?.();
  assert.equal(tf.memory().numTensors, before);
});

Deno.test("seriesEmbedding: 0 by default (the past-only network); a fold without ids is refused", async () => {
  assert.equal(tsmixerConfig.parse({}).seriesEmbedding, 0);
  assert.equal(multiscaleTsmixerConfig.parse({}).seriesEmbedding, 0);
  assert.equal(tsmixerConfig.safeParse({ seriesEmbedding: -1 }).success, false);
  assert.equal(tsmixerConfig.safeParse({ seriesEmbedding: 1.5 }).success, false);
  const index = panelView(panel, { series: "index", trainStride: 1 });
  const model = tsmixerSpec.create(tsmixerConfig.parse({ ...tiny, seriesEmbedding: 2 }), CONTEXT);
  await assert.rejects(
    () => model.fit(index),
    /tsmixer: config field "seriesEmbedding" is set, but fold panel-2019-weekly-index has no static "series" column/,
  );
  const plain = tsmixerSpec.create(tsmixerConfig.parse(tiny), CONTEXT);
  await plain.fit(constituents);
  const saved = new TextDecoder().decode(await plain.save!());
  assert.ok(!saved.includes("series_embedding"), "no embedding layer without the option");
  plain.dispose?.();
});

Deno.test("tsmixer with seriesEmbedding and knownFuture reads static, past and known, in that order", async () => {
  const rows = constituents.past.rows;
  const known = Float32Array.from({ length: rows }, (_, r) => (r % 5) / 4); // a weekday-like cycle
  const fold: Fold = {
    ...constituents,
    known: { rows, cols: 1, values: known },
    knownNames: ["dow"],
  };
  const config = tsmixerConfig.parse({ ...tiny, seriesEmbedding: 2, knownFuture: true });
  const model = tsmixerSpec.create(config, CONTEXT);
  await model.fit(fold);
  const forecast = await model.predict(fold, "test");
  assert.equal(forecast.point.length, fold.splits.test.length);
  assert.ok(forecast.point.every(Number.isFinite));
  const loaded = await tsmixerSpec.load!(config, CONTEXT, await model.save!());
  assert.deepEqual([...(await loaded.predict(fold, "test")).point], [...forecast.point]);
  model.dispose?.();
  loaded.dispose?.();
});
