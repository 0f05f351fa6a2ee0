/**
 * The pretrain node: its artifact reaches a fine-tuning fit as an upstream model only for a
 * fold whose test period it has not seen (the train task's leak check reads its trainSpan),
 * it records the corpus it used (the index held out, short series named), and an invalid
 * architecture is refused when the DAG loads, naming the field.
 */
import assert from "node:assert/strict";
import { initBackend } from "../../models/tf/backend.ts";
import { pretrainMarketGpt, pretrainParams } from "../../tasks/pretrain.ts";
import { upstreamModel } from "../../tasks/upstream.ts";
import { trainingViewOf } from "../../tasks/training_view.ts";
import { marketGptSpec } from "../../models/market_gpt/market_gpt.ts";
import { klineFrame } from "../../data/features/kline_frame.ts";
import { rollingFold } from "../../data/folds/rolling.ts";
import { syntheticPanel } from "../models/market_gpt/synthetic_panel.ts";
import { recordingContext } from "./task_context.ts";

await initBackend("wasm");

const panel = syntheticPanel();
const ARCH = { dModel: 8, heads: 2, layers: 1, feedForward: 8 };

function foldFor(testYear: number) {
  const frame = klineFrame(panel.series[0], ["return", "range"]);
  return rollingFold(frame, {
    testYear,
    trainYears: 4,
    validationYears: 1,
    validationFraction: null,
    encoderLength: 8,
    horizon: 1,
    embargo: 0,
    features: null,
    laggedTarget: false,
    clipStd: 5,
  }).fold;
}

Deno.test("pretrain node: usable upstream for its own fold, refused for an earlier fold's", async () => {
  const ctx = { ...recordingContext("pretrain[testYear=2018]"), backend: "wasm" };
  const params = pretrainParams.parse({
    testYear: 2018,
    trainYears: 4,
    encoderLength: 8,
    steps: 3,
    batchSize: 8,
    minRows: 100,
    model: ARCH,
  });
  const artifact = await pretrainMarketGpt.run({ panel }, params, ctx);
  assert.ok(artifact.trainSpan.last < "2018-01-01");
  assert.deepEqual(artifact.corpus.series.map((s) => s.symbol), ["A", "B", "VIXLIKE"]);
  assert.deepEqual(artifact.corpus.excluded.map((e) => e.symbol), ["^IDX", "LATE"]);
  assert.ok(ctx.warnings.some((w) => w.includes("LATE left out")));
  const own = upstreamModel(artifact, {
    spec: marketGptSpec,
    fold: trainingViewOf(foldFor(2018)),
    nodeId: "fit-pretrained[testYear=2018]",
  });
  assert.equal(own?.label, "pretrained");
  assert.throws(
    () =>
      upstreamModel(artifact, {
        spec: marketGptSpec,
        fold: foldFor(2017),
        nodeId: "fit-pretrained[testYear=2017]",
      }),
    /has seen this fold's test period/,
  );
});

Deno.test("pretrain node: an invalid architecture is refused naming the field", () => {
  const result = pretrainParams.safeParse({ testYear: 2018, model: { dModel: 30, heads: 4 } });
  assert.equal(result.success, false);
  assert.match(JSON.stringify(result.error!.issues), /"model","heads"/);
});
