/**
 * The neural shell's upstream support: a fit handed a stored upstream model starts from its
 * weights; with `fineTune: "head"` every backbone weight stays exactly at its upstream value
 * while the head moves, with `"all"` the backbone moves too. Tiny LSTM, TFT and CLS
 * Transformer, a few epochs.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import type { ForecastModel, ModelSpec, UpstreamModel } from "../../../models/contract.ts";
import { lstmConfig, lstmSpec } from "../../../models/lstm/lstm.ts";
import { initBackend } from "../../../models/tf/backend.ts";
import { loadLayersModel } from "../../../models/tf/serialize.ts";
import { tftConfig } from "../../../models/tft/config.ts";
import { tftSpec } from "../../../models/tft/spec.ts";
import {
  clsTransformerConfig,
  clsTransformerSpec,
} from "../../../models/transformer/transformer.ts";
import { NeuralModel } from "../../../models/tf/shell/model.ts";
import { tftFold } from "../tft/tft_fold.ts";
import { covariateKind } from "./covariate_kind.ts";
import { signalFold } from "./signal_fold.ts";

await initBackend("wasm");

const context = { seed: 5, backend: "wasm" };
const training = { epochs: 3, batchSize: 32, learningRate: 0.01 };
const lstm = (fineTune: "head" | "all", units = 6) =>
  lstmConfig.parse({ layers: 2, units, dropout: 0.1, fineTune, training });
const tft = (fineTune: "head" | "all") =>
  tftConfig.parse({
    hiddenSize: 8,
    attentionHeads: 2,
    hiddenContinuousSize: 4,
    fineTune,
    training: { ...training, epochs: 2 },
  });

/** Every saved weight of a model, by its stable name. */
async function weightsOf(model: ForecastModel): Promise<Map<string, Float32Array>> {
  const loaded = await loadLayersModel(await model.save!());
  try {
    const named = loaded.weights.map((w) => [w.originalName, w.read().dataSync()] as const);
    return new Map(named.map(([name, values]) => [name, new Float32Array(values)]));
  } finally {
    loaded.dispose();
  }
}

const same = (a: Float32Array, b: Float32Array) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** Fits an upstream model on `fold` with another seed and returns it as a stored upstream. */
async function upstreamOf<C>(
  spec: ModelSpec<C>,
  config: C,
  fold: Parameters<ForecastModel["fit"]>[0],
): Promise<UpstreamModel> {
  const model = spec.create(config, { ...context, seed: 99 });
  await model.fit(fold);
  const weights = await model.save!();
  model.dispose!();
  return { model: spec.kind, label: `${spec.kind}-pretrain`, config: {}, weights };
}

async function fineTuned<C>(
  spec: ModelSpec<C>,
  config: C,
  fold: Parameters<ForecastModel["fit"]>[0],
  upstream: UpstreamModel,
) {
  const model = spec.create(config, context);
  await model.fit(fold, { upstream });
  const after = await weightsOf(model);
  const before = await weightsOf(await spec.load!(config, context, upstream.weights!));
  return { model, before, after };
}

function split(names: Iterable<string>, head: (name: string) => boolean) {
  const all = [...names];
  return { head: all.filter(head), backbone: all.filter((n) => !head(n)) };
}

Deno.test("lstm fine-tune 'head': the LSTM layers keep their upstream weights, the head moves", async () => {
  const fold = signalFold({ rows: 160 });
  const upstream = await upstreamOf(lstmSpec, lstm("head"), fold);
  const { model, before, after } = await fineTuned(lstmSpec, lstm("head"), fold, upstream);
  const { head, backbone } = split(after.keys(), (n) => n.startsWith("head/"));
  assert.deepEqual(head.sort(), ["head/bias", "head/kernel"]);
  assert.ok(backbone.length >= 6, `backbone weights: ${backbone}`);
  for (const name of backbone) {
    assert.ok(same(after.get(name)!, before.get(name)!), `${name} moved`);
  }
  for (const name of head) assert.ok(!same(after.get(name)!, before.get(name)!), `${name} froze`);
  // The fitted model is an ordinary one again: every weight trainable, predictions finite.
  const forecast = await model.predict(fold, "test");
  assert.ok(forecast.point.every(Number.isFinite));
  model.dispose!();
});

Deno.test("lstm fine-tune 'all': starts from upstream and trains the backbone too", async () => {
  const fold = signalFold({ rows: 160 });
  const upstream = await upstreamOf(lstmSpec, lstm("all"), fold);
  const { model, before, after } = await fineTuned(lstmSpec, lstm("all"), fold, upstream);
  assert.ok(!same(after.get("lstm_1/kernel")!, before.get("lstm_1/kernel")!));
  // Started from upstream, not from the seed's own initialisation: a fresh fit differs.
  const fresh = lstmSpec.create(lstm("all"), context);
  await fresh.fit(fold);
  const own = await weightsOf(fresh);
  assert.ok(!same(own.get("lstm_1/kernel")!, after.get("lstm_1/kernel")!));
  fresh.dispose!();
  model.dispose!();
});

Deno.test("tft fine-tune 'head': only the output layer moves", async () => {
  const fold = tftFold({ rows: 160 });
  const upstream = await upstreamOf(tftSpec, tft("head"), fold);
  const { model, before, after } = await fineTuned(tftSpec, tft("head"), fold, upstream);
  const { head, backbone } = split(after.keys(), (n) => n.startsWith("tft/output_"));
  assert.deepEqual(head.sort(), ["tft/output_bias", "tft/output_kernel"]);
  assert.ok(backbone.length > 50, `${backbone.length} backbone weights`);
  for (const name of backbone) {
    assert.ok(same(after.get(name)!, before.get(name)!), `${name} moved`);
  }
  for (const name of head) assert.ok(!same(after.get(name)!, before.get(name)!), `${name} froze`);
  model.dispose!();
});

Deno.test("cls-transformer fine-tune 'head': only the output layer moves", async () => {
  const fold = signalFold({ rows: 160 });
  const config = clsTransformerConfig.parse({
    dModel: 8,
    heads: 2,
    layers: 1,
    feedForward: 8,
    headUnits: 4,
    training,
  });
  const upstream = await upstreamOf(clsTransformerSpec, config, fold);
  const { model, before, after } = await fineTuned(clsTransformerSpec, config, fold, upstream);
  const { head, backbone } = split(after.keys(), (n) => n.startsWith("head_output/"));
  assert.deepEqual(head.sort(), ["head_output/bias", "head_output/kernel"]);
  for (const name of backbone) {
    assert.ok(same(after.get(name)!, before.get(name)!), `${name} moved`);
  }
  for (const name of head) assert.ok(!same(after.get(name)!, before.get(name)!), `${name} froze`);
  model.dispose!();
});

Deno.test("upstream misuse: named errors, nothing leaked", async () => {
  const fold = signalFold({ rows: 120 });
  const upstream = await upstreamOf(lstmSpec, lstm("head"), fold);
  const before = tf.memory().numTensors;
  assert.equal(lstmSpec.accepts?.upstream, true);
  assert.equal(tftSpec.accepts?.upstream, true);
  assert.equal(clsTransformerSpec.accepts?.upstream, true);
  await assert.rejects(
    new NeuralModel(covariateKind(1)).fit(fold, { upstream }),
    /covariate-dense: this kind takes no upstream model; remove the upstream edge/,
  );
  const wider = lstmSpec.create(lstm("head", 8), context);
  await assert.rejects(
    wider.fit(fold, { upstream }),
    /lstm: cannot freeze the backbone: the upstream lstm model "lstm-pretrain" lacks lstm_1\/kernel \[3,32\] \(upstream \[3,24\]\)/,
  );
  await assert.rejects(
    lstmSpec.create(lstm("head"), context).fit(fold, { upstream: { ...upstream, weights: null } }),
    /has no stored weights/,
  );
  const stranger = await upstreamOf(tftSpec, tft("all"), tftFold({ rows: 120 }));
  await assert.rejects(
    lstmSpec.create(lstm("all"), context).fit(fold, { upstream: stranger }),
    /no weight of the upstream tft model "tft-pretrain" matches this network/,
  );
  assert.equal(tf.memory().numTensors, before, "a refused fit frees what it built and read");
});
