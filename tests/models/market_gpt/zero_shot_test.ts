/**
 * Zero-shot and fine-tuning from a pretrained artifact: with `fineTune: "none"` every weight is
 * the upstream model's (the forecasts equal the pretrained network's, mapped with the fold's
 * target scale) and nothing trains; an upstream of another architecture is refused naming the
 * missing weights; `"head"` leaves every weight outside the return head at its pretrained value.
 */
import assert from "node:assert/strict";
import { initBackend } from "../../../models/tf/backend.ts";
import { marketGptConfig } from "../../../models/market_gpt/config.ts";
import { marketGptSpec } from "../../../models/market_gpt/market_gpt.ts";
import { buildCorpus } from "../../../models/market_gpt/pretrain/corpus.ts";
import { pretrain } from "../../../models/market_gpt/pretrain/pretrain.ts";
import { loadLayersModel } from "../../../models/tf/serialize.ts";
import { klineFrame } from "../../../data/features/kline_frame.ts";
import { rollingFold } from "../../../data/folds/rolling.ts";
import type { UpstreamModel } from "../../../models/contract.ts";
import { syntheticPanel } from "./synthetic_panel.ts";

await initBackend("wasm");

const ARCH = { dModel: 8, heads: 2, layers: 1, feedForward: 8 };
const panel = syntheticPanel();
const L = 8;

async function pretrained(arch = ARCH): Promise<UpstreamModel> {
  const config = marketGptConfig.parse(arch);
  const corpus = buildCorpus(panel, {
    parts: ["return", "range"],
    from: "2013-01-01",
    cutoff: "2018-01-01",
    clipStd: 5,
    minRows: 100,
    holdOut: [],
    encoderLength: L,
  });
  const { weights } = await pretrain(corpus, {
    config,
    encoderLength: L,
    steps: 4,
    batchSize: 8,
    learningRate: 1e-2,
    seed: 3,
  });
  return { model: "market-gpt", label: "pretrained", config, weights };
}

const frame = klineFrame(panel.series[0], ["return", "range"]);
const { fold } = rollingFold(frame, {
  testYear: 2018,
  trainYears: 4,
  validationYears: 1,
  validationFraction: null,
  encoderLength: L,
  horizon: 1,
  embargo: 0,
  features: null,
  laggedTarget: false,
  clipStd: 5,
});
const context = { seed: 1, backend: "wasm" };
const tiny = { epochs: 2, batchSize: 32 };

async function weightsOf(bytes: Uint8Array): Promise<Map<string, number[]>> {
  const model = await loadLayersModel(bytes);
  try {
    return new Map(model.weights.map((w) => [w.originalName, [...w.read().dataSync()]]));
  } finally {
    model.dispose();
  }
}

Deno.test("zero-shot: every weight is the pretrained model's and nothing trains", async () => {
  const upstream = await pretrained();
  const model = marketGptSpec.create(
    marketGptConfig.parse({ ...ARCH, fineTune: "none", training: tiny }),
    context,
  );
  try {
    const report = await model.fit(fold, { upstream });
    assert.equal(report.history.length, 0);
    const forecast = await model.predict(fold, "test");
    assert.ok(forecast.variance!.every((v) => v > 0));
    assert.deepEqual(await weightsOf(await model.save!()), await weightsOf(upstream.weights!));
  } finally {
    model.dispose!();
  }
});

Deno.test("zero-shot: an upstream of another architecture is refused, naming what it lacks", async () => {
  const upstream = await pretrained({ ...ARCH, dModel: 4 });
  const model = marketGptSpec.create(marketGptConfig.parse({ ...ARCH, fineTune: "none" }), context);
  try {
    await assert.rejects(
      () => model.fit(fold, { upstream }),
      /zero-shot needs every weight.*lacks/s,
    );
  } finally {
    model.dispose!();
  }
});

Deno.test("fine-tune head: the backbone keeps its pretrained weights, the return head moves", async () => {
  const upstream = await pretrained();
  const model = marketGptSpec.create(
    marketGptConfig.parse({ ...ARCH, fineTune: "head", training: tiny }),
    context,
  );
  try {
    await model.fit(fold, { upstream });
    const after = await weightsOf(await model.save!());
    const before = await weightsOf(upstream.weights!);
    let headMoved = false;
    for (const [name, values] of after) {
      if (name.startsWith("head_return/")) {
        headMoved ||= values.some((v, i) => v !== before.get(name)![i]);
      } else assert.deepEqual(values, before.get(name), name);
    }
    assert.ok(headMoved, "the return head trained");
  } finally {
    model.dispose!();
  }
});
