import assert from "node:assert/strict";
import { decodeArtifact, encodeArtifact } from "../../engine/store/codec.ts";
import type { Gathered } from "../../engine/task.ts";
import type { FeatureFrame } from "../../data/frame.ts";
import type { TrainResult } from "../../models/contract.ts";
import { evaluateForecasts, evaluateParams } from "../../tasks/evaluate.ts";
import { buildFits } from "../evaluation/fixtures.ts";
import { recordingContext } from "./task_context.ts";

// As the engine hands them over: encoded into the store and decoded again.
const fits = decodeArtifact(encodeArtifact(buildFits({ years: [2020, 2021, 2022] }))) as Gathered<
  TrainResult
>;

Deno.test("evaluate task: documented defaults, strict params", () => {
  const defaults = evaluateParams.parse({});
  assert.deepEqual(defaults, {
    ciLevel: 0.95,
    bootstrapReps: 2000,
    blockLength: null,
    seed: null,
    backtest: { costPerTrade: 0.001, threshold: 0 },
    benchmark: "always-long",
    comparisons: [
      { against: "always-long", losses: ["squared"] },
      { against: "arimax", losses: ["directional", "squared"] },
    ],
  });
  assert.throws(() => evaluateParams.parse({ benchmark: "" }));
  assert.throws(
    () => evaluateParams.parse({ comparisons: [{ against: "ridge", losses: ["absolute"] }] }),
    /losses/,
  );
  assert.equal(
    evaluateParams.parse({ backtest: { costPerTrade: 0.23 / 10_000 } }).backtest.threshold,
    0,
  );
  assert.throws(() => evaluateParams.parse({ ciLevel: 1.5 }));
  assert.throws(() => evaluateParams.parse({ bootstrap: 10 }), /bootstrap/);
  assert.equal(evaluateForecasts.kind, "evaluate");
});

Deno.test("evaluate task records headline metrics and warnings, uses the pipeline seed", async () => {
  const ctx = recordingContext("metrics", 7);
  const params = evaluateParams.parse({ bootstrapReps: 300 });
  const metrics = await evaluateForecasts.run({ fits }, params, ctx);
  assert.equal(metrics.settings.seed, 7);
  const tft = metrics.models.find((m) => m.label === "tft")!;
  assert.equal(ctx.metrics["tft.da"], tft.pooled.da);
  assert.equal(ctx.metrics["tft.excess"], tft.pooled.excess);
  assert.equal(ctx.metrics["tft.excess_low"], tft.pooled.excessCi!.low);
  assert.equal(ctx.metrics["tft.da_std"], tft.acrossFolds.daStd);
  assert.equal(ctx.metrics["tft.share_up"], tft.pooled.shareLong);
  assert.equal(ctx.metrics["tft.std_ratio"], tft.pooled.stdRatio);
  assert.equal(ctx.metrics["always-long.da"], tft.pooled.baseRate);
  assert.equal("always-long.excess" in ctx.metrics, false);
  assert.equal(ctx.metrics["buy_and_hold.sharpe"], tft.backtest.buyAndHold.sharpe);
  assert.equal("lstm.pt_p" in ctx.metrics, false, "undefined tests are not recorded");
  assert.ok(ctx.warnings.some((w) => w.includes("lstm looks collapsed")));
  const reseeded = await evaluateForecasts.run(
    { fits },
    { ...params, seed: 99 },
    recordingContext("m", 7),
  );
  assert.equal(reseeded.settings.seed, 99);
});

Deno.test("evaluate task: a benchmark named in the parameters is the reference", async () => {
  const ctx = recordingContext("metrics", 7);
  const params = evaluateParams.parse({ bootstrapReps: 300, benchmark: "arimax" });
  const metrics = await evaluateForecasts.run({ fits }, params, ctx);
  assert.equal("arimax.excess" in ctx.metrics, false, "the benchmark is not judged");
  assert.equal(typeof ctx.metrics["always-long.excess"], "number", "always-long now is");
  const tft = metrics.models.find((m) => m.label === "tft")!;
  assert.ok(tft.dieboldMariano.some((d) => d.against === "arimax" && d.loss === "squared"));
});

Deno.test("evaluate output is store-encodable, and encodes to the same bytes twice", async () => {
  const params = evaluateParams.parse({ bootstrapReps: 300 });
  const a = encodeArtifact(await evaluateForecasts.run({ fits }, params, recordingContext("m")));
  const b = encodeArtifact(await evaluateForecasts.run({ fits }, params, recordingContext("m")));
  assert.deepEqual(a, b);
});

Deno.test("evaluate task names its node when the input is not gathered", () => {
  assert.throws(
    () =>
      evaluateForecasts.run(
        { fits: fits[0] as unknown as Gathered<TrainResult> },
        evaluateParams.parse({}),
        recordingContext("metrics"),
      ),
    /metrics: input "fits" must be gathered train results/,
  );
});

// Only the fields the evaluate task reads from the feature node's frame.
const features = {
  kind: "feature-frame",
  publication: {
    VIXCLS: { rule: "business-days-after", days: 0 },
    CPIAUCSL: { rule: "day-of-month-after", months: 1, day: 20 },
  },
} as unknown as FeatureFrame;

Deno.test("evaluate task: features record each macro series' publication rule, nothing else", async () => {
  const params = evaluateParams.parse({ bootstrapReps: 300 });
  const plain = recordingContext("m", 7);
  const without = await evaluateForecasts.run({ fits }, params, plain);
  assert.equal("publication" in without.settings, false, "absent without features");
  const ctx = recordingContext("m", 7);
  const withFeatures = await evaluateForecasts.run({ fits, features }, params, ctx);
  assert.deepEqual(withFeatures.settings.publication, {
    CPIAUCSL: { rule: "day-of-month-after", months: 1, day: 20 },
    VIXCLS: { rule: "business-days-after", days: 0 },
  });
  assert.deepEqual(Object.keys(withFeatures.settings.publication!), ["CPIAUCSL", "VIXCLS"]);
  // Every number is the same bytes; only the settings gain the record.
  const { publication: _, ...settings } = withFeatures.settings;
  assert.deepEqual(
    encodeArtifact({ ...withFeatures, settings }),
    encodeArtifact(without),
  );
  assert.deepEqual(ctx.metrics, plain.metrics, "the same headline metrics");
  const stored = decodeArtifact(encodeArtifact(withFeatures)) as typeof withFeatures;
  assert.deepEqual(stored.settings.publication, withFeatures.settings.publication);
});

Deno.test("evaluate task names its node when features is not a feature frame", () => {
  assert.throws(
    () =>
      evaluateForecasts.run(
        { fits, features: fits[0] as unknown as FeatureFrame },
        evaluateParams.parse({}),
        recordingContext("metrics"),
      ),
    /metrics: input "features" must be the feature node's frame/,
  );
});

Deno.test("evaluate task: `moreFits` is scored as if gathered with `fits`", async () => {
  const params = evaluateParams.parse({ bootstrapReps: 200 });
  const whole = await evaluateForecasts.run({ fits }, params, recordingContext("m", 3));
  const isTft = (fit: Gathered<TrainResult>[number]) => fit.value.label === "tft";
  const split = await evaluateForecasts.run(
    { fits: fits.filter((f) => !isTft(f)), moreFits: fits.filter(isTft) },
    params,
    recordingContext("m", 3),
  );
  assert.ok(fits.some(isTft) && fits.some((f) => !isTft(f)));
  const byLabel = (m: typeof whole) =>
    Object.fromEntries(m.models.map((model) => [model.label, model.pooled]));
  assert.deepEqual(byLabel(split), byLabel(whole));
  await assert.rejects(
    async () =>
      await evaluateForecasts.run(
        { fits, moreFits: {} as Gathered<TrainResult> },
        params,
        recordingContext("m", 3),
      ),
    /m: input "moreFits" must be gathered train results/,
  );
});
