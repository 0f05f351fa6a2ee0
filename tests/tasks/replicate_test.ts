/**
 * Replicated fits (`tasks/replicate.ts`): the replicate's seed is derived from the run's
 * (replicate 0 keeps it, so it is today's fit, forecast for forecast), other replicates fit
 * under other seeds, results carry their replicate, and params are validated as `fitModel`'s.
 */
import assert from "node:assert/strict";
import type { FittedModel, TrainResult } from "../../models/contract.ts";
import { initBackend } from "../../models/tf/backend.ts";
import { replicateSeed, trainReplicate } from "../../tasks/replicate.ts";
import { trainModel } from "../../tasks/train.ts";
import { predictModel } from "../../tasks/predict.ts";
import { tftFold } from "../models/tft/tft_fold.ts";
import { recordingContext } from "./task_context.ts";

await initBackend("wasm");

const fold = tftFold({ rows: 90, horizon: 1 });
const tiny = { kind: "lstm", units: 4, layers: 1, training: { epochs: 2 } };

function issues(params: unknown): string {
  const result = trainReplicate.params.safeParse(params);
  assert.equal(result.success, false);
  return result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n");
}

Deno.test("replicateSeed: replicate 0 keeps the run's seed, others get distinct derived seeds", () => {
  assert.equal(replicateSeed(7, 0), 7);
  const seeds = [0, 1, 2, 3].map((r) => replicateSeed(7, r));
  assert.equal(new Set(seeds).size, 4);
  assert.equal(replicateSeed(7, 2), replicateSeed(7, 2), "deterministic");
  assert.notEqual(replicateSeed(7, 1), replicateSeed(8, 1), "depends on the run's seed");
});

Deno.test("trainReplicate params: the model as fitModel validates it, and a replicate number", () => {
  assert.match(
    issues({ model: { kind: "lstmx" }, replicate: 0 }),
    /model\.kind: unknown model kind/,
  );
  assert.match(issues({ model: { ...tiny, units: "four" }, replicate: 0 }), /model\.units/);
  assert.match(issues({ model: tiny, replicate: -1 }), /replicate/);
  assert.match(issues({ model: tiny, replicate: 1.5 }), /replicate/);
  assert.match(issues({ model: tiny }), /replicate/);
  assert.match(issues({ model: tiny, replicate: 0, extra: 1 }), /extra/);
  assert.ok(trainReplicate.params.safeParse({ model: tiny, replicate: 2 }).success);
});

async function fitted(replicate: number | null): Promise<FittedModel & { replicate?: number }> {
  const ctx = { ...recordingContext("fit[model=lstm]", 5), backend: "wasm" };
  ctx.coords = { model: "lstm" };
  if (replicate === null) {
    return await trainModel.run({ fold }, trainModel.params.parse({ model: tiny }), ctx);
  }
  const params = trainReplicate.params.parse({ model: tiny, replicate });
  return await trainReplicate.run({ fold }, params, ctx);
}

Deno.test("replicate 0 is the plain fit; replicate 1 fits under another seed", async () => {
  const plain = await fitted(null);
  const zero = await fitted(0);
  const one = await fitted(1);
  assert.equal(zero.replicate, 0);
  assert.equal(one.replicate, 1);
  assert.equal(zero.seed, 5);
  assert.equal(one.seed, replicateSeed(5, 1));
  assert.deepEqual([...zero.weights!], [...plain.weights!], "replicate 0 = today's fit");
  assert.deepEqual([...zero.validation!.point], [...plain.validation!.point]);
  assert.notDeepEqual([...one.validation!.point], [...zero.validation!.point]);

  // The predict node passes the replicate on with the test forecasts.
  const ctx = { ...recordingContext("predict[model=lstm]", 5), backend: "wasm" };
  const predicted: TrainResult & { replicate?: number } = await predictModel.run(
    { fold, fitted: one },
    {},
    ctx,
  );
  assert.equal(predicted.replicate, 1);
  assert.equal(predicted.seed, replicateSeed(5, 1));
});
