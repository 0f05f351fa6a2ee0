/**
 * The generic train task: the catalog's schema validates `params.model`, the node's code key
 * covers the kind's implementation module only, and every kind (the TFT and a baseline
 * here) goes through the same contract calls into a TrainResult the store can encode.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { decodeArtifact, encodeArtifact } from "../../engine/store/codec.ts";
import { runNode } from "../../engine/run/node_runner.ts";
import { WorkerPool } from "../../engine/run/worker_pool.ts";
import { nodeRequest } from "../engine/run/node_request.ts";
import type { AnyTask, ProgressUpdate } from "../../engine/task.ts";
import { sha256Hex } from "../../engine/keys/hash.ts";
import { SourceHasher } from "../../engine/keys/modgraph.ts";
import { fromFileUrl } from "../../engine/store/paths.ts";
import type { TrainResult } from "../../models/contract.ts";
import { initBackend } from "../../models/tf/backend.ts";
import { tftSpec } from "../../models/tft/spec.ts";
import { fitModel, scoredRows, trainSpan } from "../../tasks/train.ts";
import { tftFold } from "../models/tft/tft_fold.ts";
import { recordingContext } from "./task_context.ts";

await initBackend("wasm"); // the task does it too; tf.memory() below needs it first

const fold = tftFold({ rows: 120, horizon: 2 });
const tiny = { kind: "tft", hiddenSize: 8, attentionHeads: 2, hiddenContinuousSize: 4 };

function issues(params: unknown): string {
  const result = fitModel.params.safeParse(params);
  assert.equal(result.success, false);
  return result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n");
}

Deno.test("fitModel params: validated by the kind's schema, errors name the field", () => {
  assert.match(issues({ model: { kind: "tfx" } }), /model\.kind: unknown model kind "tfx"/);
  assert.match(issues({ model: { ...tiny, hiddenSize: "big" } }), /model\.hiddenSize: tft config/);
  assert.match(issues({ model: { ...tiny, training: { epochs: 0 } } }), /model\.training\.epochs/);
  assert.match(issues({ model: { ...tiny, attentionHeads: 3 } }), /model\.attentionHeads/);
  assert.match(issues({ model: { ...tiny, colour: "red" } }), /colour/);
  assert.match(issues({ model: tiny, extra: 1 }), /extra/);
  assert.ok(fitModel.params.safeParse({ model: tiny }).success);
});

Deno.test("fitModel trains the TFT through the contract into a storable TrainResult", async () => {
  const ctx = { ...recordingContext("fit[model=tft-small]", 5), backend: "wasm" };
  ctx.coords = { model: "tft-small" };
  const updates: ProgressUpdate[] = [];
  ctx.progress = (update) => updates.push(update);
  const params = fitModel.params.parse({ model: { ...tiny, training: { epochs: 3 } } });
  const before = tf.memory().numTensors;
  const result = await fitModel.run({ fold }, params, ctx) as TrainResult;
  assert.equal(tf.memory().numTensors, before, "the task disposes its model");
  assert.equal(result.model, "tft");
  assert.equal(result.label, "tft-small");
  assert.equal(result.config.hiddenSize, 8);
  assert.equal(result.config.dropout, 0.1, "defaults are filled in");
  assert.equal(result.foldId, fold.id);
  assert.equal(result.horizon, 2);
  assert.equal(result.backend, "wasm");
  assert.equal(result.seed, 5);
  assert.equal(result.fit.history.length, 3);
  assert.deepEqual(updates.map((u) => [u.epoch, u.epochs]), [[1, 3], [2, 3], [3, 3]]);
  const [first] = result.fit.history;
  assert.equal(
    updates[0].message,
    `tft-small fold ${fold.id}: train loss ${first.trainLoss.toPrecision(4)}, val loss ` +
      `${first.validationLoss!.toPrecision(4)}, ` +
      `val DA ${(100 * first.validationDirectionalAccuracy!).toFixed(1)}%`,
  );
  assert.ok(ctx.metrics["tft-small.fit_seconds"] > 0);
  for (const split of ["test", "validation"] as const) {
    const forecast = result[split]!;
    const rows = scoredRows(fold, split);
    assert.deepEqual([...forecast.origins], [...fold.splits[split]]);
    assert.deepEqual(forecast.dates, rows.dates);
    assert.equal(forecast.dates[0], fold.dates[fold.splits[split][0] + 1]);
    assert.deepEqual([...forecast.actual], [...rows.actual]);
    assert.equal(forecast.actual[1], fold.target[fold.splits[split][0] + 2]);
    assert.deepEqual(forecast.regime, rows.regime);
    assert.equal(forecast.quantiles!.values.length, forecast.point.length * 3);
  }
  assert.ok(result.explanation!.attention!.weights.length === fold.encoderLength);
  // the store can encode it, and the saved weights reproduce the test forecasts
  const decoded = decodeArtifact(encodeArtifact(result)) as TrainResult;
  assert.deepEqual([...decoded.test.point], [...result.test.point]);
  const restored = await tftSpec.load!(
    tftSpec.schema.parse(result.config),
    { seed: 5, backend: "wasm" },
    decoded.weights!,
  );
  const again = await restored.predict(fold, "test");
  assert.deepEqual([...again.point], [...result.test.point]);
  restored.dispose!();
});

Deno.test("fitModel: no tensor growth across folds run one after another", async () => {
  const params = fitModel.params.parse({ model: { ...tiny, training: { epochs: 2 } } });
  const folds = [
    tftFold({ rows: 100, horizon: 1, seed: 2 }),
    tftFold({ rows: 110, horizon: 2, seed: 3 }),
    tftFold({ rows: 100, horizon: 1, seed: 4, full: false }),
  ];
  const before = tf.memory().numTensors;
  const counts: number[] = [];
  for (const [i, next] of folds.entries()) {
    const ctx = { ...recordingContext(`fit[testYear=${i}]`, 5), backend: "wasm" };
    const result = await fitModel.run({ fold: next }, params, ctx) as TrainResult;
    assert.equal(result.fit.history.length, 2);
    counts.push(tf.memory().numTensors);
  }
  assert.deepEqual(counts, folds.map(() => before), `tensors after each fold: ${counts}`);
});

Deno.test("fitModel runs a baseline through the same calls (no special case)", async () => {
  const ctx = { ...recordingContext("fit", 5), backend: "wasm" };
  const params = fitModel.params.parse({ model: { kind: "always-long" } });
  const result = await fitModel.run({ fold }, params, ctx) as TrainResult;
  assert.equal(result.label, "always-long");
  assert.deepEqual(result.fit.history, []);
  assert.equal(result.test.point.length, fold.splits.test.length * 2);
  assert.ok(result.test.point.every((v) => v > 0));
  decodeArtifact(encodeArtifact(result));
  const train = fold.splits.train;
  assert.deepEqual(result.trainSpan, {
    first: fold.dates[train[0] + 1],
    last: fold.dates[train[train.length - 1] + fold.horizon],
    rows: train.length,
  });
});

Deno.test("trainSpan: first and last training target of the fold, whatever the origin order", () => {
  const span = trainSpan(fold);
  const train = [...fold.splits.train];
  assert.equal(span.rows, train.length);
  assert.equal(span.first, fold.dates[Math.min(...train) + 1]);
  assert.equal(span.last, fold.dates[Math.max(...train) + fold.horizon], "step H of the last");
  assert.ok(span.first < span.last);
  const shuffled = { ...fold, splits: { ...fold.splits, train: Int32Array.from(train.reverse()) } };
  assert.deepEqual(trainSpan(shuffled), span);
});

/** The bytes the store would hash for one run of the train task (a fresh context each time). */
async function storedBytes(model: Record<string, unknown>): Promise<Uint8Array> {
  const ctx = { ...recordingContext("fit[model=m]", 5), backend: "wasm" };
  ctx.coords = { model: "m" };
  const result = await fitModel.run({ fold }, fitModel.params.parse({ model }), ctx);
  assert.ok(ctx.metrics["m.fit_seconds"] >= 0, "the fit time goes to the ledger instead");
  return encodeArtifact(result);
}

for (
  const [name, model] of [
    ["a baseline (ARIMAX)", { kind: "arimax", exog: ["a"] }],
    ["a tiny TFT", { ...tiny, training: { epochs: 2 } }],
  ] as const
) {
  Deno.test(`fitModel: ${name} stores byte-identical output for the same fold, config, seed`, async () => {
    const first = await storedBytes(model);
    const second = await storedBytes(model);
    assert.ok(first.length > 0);
    assert.equal(sha256Hex(second), sha256Hex(first), "refitting the same key gives other bytes");
    const decoded = decodeArtifact(first) as Record<string, unknown>;
    assert.ok(!("fitSeconds" in decoded), "no wall-clock time in the output");
  });
}

/** A train node run through the engine in a Worker (a kept one when `workers` is given). */
async function workerBytes(model: Record<string, unknown>, workers?: WorkerPool) {
  return await runNode(nodeRequest(fitModel as AnyTask, {
    inputs: { fold: encodeArtifact(fold) },
    params: fitModel.params.parse({ model }),
    context: { nodeId: "fit[model=m]", coords: { model: "m" }, seed: 5, backend: "wasm" },
    workers,
  }));
}

Deno.test("fitModel: a kept Worker fits the same bytes as a fresh one, after other fits", async () => {
  const tft = { ...tiny, training: { epochs: 2 } };
  const lstm = { kind: "lstm", layers: 1, units: 8, training: { epochs: 2 } };
  const alone = sha256Hex(await workerBytes(tft));
  const workers = new WorkerPool();
  try {
    await workerBytes(lstm, workers);
    assert.equal(sha256Hex(await workerBytes(tft, workers)), alone, "after an LSTM fit");
    assert.equal(sha256Hex(await workerBytes(tft, workers)), alone, "after the same fit");
  } finally {
    workers.close();
  }
});

Deno.test("fitModel refuses an input that is not a fold", async () => {
  const ctx = { ...recordingContext("fit", 5), backend: "wasm" };
  const params = fitModel.params.parse({ model: tiny });
  await assert.rejects(
    Promise.resolve().then(() => fitModel.run({ fold: {} as never }, params, ctx)),
    /fit: input "fold" is not a Fold/,
  );
});

Deno.test("fitModel keys a node on its kind's implementation, not on every model", async () => {
  const tftModule = new URL("../../models/tft/spec.ts", import.meta.url).href;
  const arimaxModule = new URL("../../models/baselines/arimax.ts", import.meta.url).href;
  assert.equal(fitModel.implementation!(fitModel.params.parse({ model: tiny })), tftModule);
  const arimax = fitModel.params.parse({ model: { kind: "arimax" } });
  assert.equal(fitModel.implementation!(arimax), arimaxModule);

  const root = fromFileUrl(new URL("../../", import.meta.url).href);
  const state = await Deno.makeTempDir({ prefix: "finfusion-train-closure-" });
  try {
    const hasher = new SourceHasher({
      root,
      cacheFile: join(state, "modgraph.json"),
      configFile: join(root, "deno.json"),
    });
    const closures = await hasher.closures([fitModel.module, tftModule, arimaxModule]);
    const files = (url: string) => Object.keys(closures.get(url)!.files);
    assert.ok(files(tftModule).includes("models/tft/mask.ts"));
    assert.ok(!files(tftModule).includes("models/baselines/arimax.ts"));
    assert.ok(files(arimaxModule).includes("models/baselines/arimax.ts"));
    assert.ok(!files(arimaxModule).some((file) => file.startsWith("models/tft/")));
    // The task's own closure holds config schemas, never an implementation module.
    const task = files(fitModel.module);
    assert.ok(task.includes("models/registry.ts"));
    assert.ok(!task.some((file) => file.endsWith("config.ts")), "no kind's config either");
    for (const file of ["models/tft/spec.ts", "models/tft/mask.ts", "models/baselines/arimax.ts"]) {
      assert.ok(!task.includes(file), `${file} is in the train task's static graph`);
    }
  } finally {
    await Deno.remove(state, { recursive: true });
  }
});
