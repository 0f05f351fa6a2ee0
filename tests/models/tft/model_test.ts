/**
 * The TFT through the model contract on a small synthetic fold: it learns the signal,
 * two runs with one seed agree exactly, save/load reproduces predictions, tensors do not
 * pile up across epochs, and explain() reads the right variables.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import type { EpochRecord, Forecast } from "../../../models/contract.ts";
import { initBackend } from "../../../models/tf/backend.ts";
import { tftConfig } from "../../../models/tft/config.ts";
import { tftSpec } from "../../../models/tft/spec.ts";
import { tftFold } from "./tft_fold.ts";

await initBackend("wasm");

const fold = tftFold({ rows: 240, horizon: 1 });
const config = tftConfig.parse({
  hiddenSize: 8,
  attentionHeads: 2,
  hiddenContinuousSize: 4,
  training: { epochs: 10, batchSize: 16, learningRate: 0.01, earlyStoppingPatience: 10 },
});
const context = { seed: 11, backend: "wasm" };

async function fitOnce(seed: number) {
  const model = tftSpec.create(config, { ...context, seed });
  const counts: number[] = [];
  const report = await model.fit(fold, {
    onEpoch: () => counts.push(tf.memory().numTensors),
  });
  return { model, report, counts };
}

const first = await fitOnce(context.seed);
const second = await fitOnce(context.seed);
const test: Forecast = await first.model.predict(fold, "test");

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return a.length === b.length && Array.from(a).every((v, i) => v === b[i]);
}

Deno.test("TFT learns a synthetic signal: loss falls, validation direction beats a coin", () => {
  const history: EpochRecord[] = first.report.history;
  assert.equal(history.length, 10);
  assert.ok(history.at(-1)!.trainLoss < 0.7 * history[0].trainLoss, "training loss must fall");
  const best = history[first.report.selectedEpoch! - 1];
  assert.ok(
    best.validationDirectionalAccuracy! > 0.7,
    `val DA ${best.validationDirectionalAccuracy}`,
  );
  for (const record of history) {
    for (const value of Object.values(record)) assert.ok(value === null || Number.isFinite(value));
    assert.ok(record.outputToEncoderGradRatio! > 0);
    assert.ok(record.predictionStdRatio! > 0);
  }
  assert.equal(first.report.summary.parameters, 5_409);
});

Deno.test("TFT forecasts: point is the median quantile, quantiles ordered, raw return scale", () => {
  const n = fold.splits.test.length;
  assert.deepEqual([...test.origins], [...fold.splits.test]);
  assert.equal(test.point.length, n);
  const { levels, values } = test.quantiles!;
  assert.deepEqual(levels, [0.1, 0.5, 0.9]);
  assert.equal(values.length, n * 3);
  let ordered = 0;
  for (let i = 0; i < n; i++) {
    assert.equal(test.point[i], values[i * 3 + 1]);
    if (values[i * 3] <= values[i * 3 + 1] && values[i * 3 + 1] <= values[i * 3 + 2]) ordered++;
  }
  assert.ok(ordered / n > 0.9, `quantiles ordered in ${ordered} of ${n}`);
  const spread = Math.max(...test.point) - Math.min(...test.point);
  assert.ok(
    spread > 0.005 && spread < 0.2,
    `point forecasts on the return scale, spread ${spread}`,
  );
});

Deno.test("TFT: two runs with one seed give identical histories and predictions", async () => {
  const again = await second.model.predict(fold, "test");
  assert.ok(sameArray(test.point, again.point));
  assert.ok(sameArray(test.quantiles!.values, again.quantiles!.values));
  assert.deepEqual(first.report, second.report);
  const other = await fitOnce(12);
  const different = await other.model.predict(fold, "test");
  assert.ok(!sameArray(test.point, different.point), "another seed gives another model");
  other.model.dispose!();
});

Deno.test("TFT: no tensor growth across epochs", () => {
  for (const { counts } of [first, second]) {
    assert.equal(counts.length, 10);
    assert.ok(counts.every((c) => c === counts[1]), `tensor counts per epoch: ${counts}`);
  }
});

Deno.test("TFT: save/load round trip gives identical predictions and explanations", async () => {
  const bytes = await first.model.save!();
  assert.deepEqual(await first.model.save!(), bytes, "saving twice gives the same bytes");
  const restored = await tftSpec.load!(config, context, bytes);
  const again = await restored.predict(fold, "test");
  assert.ok(sameArray(test.point, again.point));
  assert.ok(sameArray(test.quantiles!.values, again.quantiles!.values));
  assert.deepEqual(await restored.explain!(fold, "test"), await first.model.explain!(fold, "test"));
  restored.dispose!();
  await assert.rejects(
    tftSpec.load!(config, context, bytes.slice(0, 40)),
    /truncated|not a finfusion/,
  );
  const before = tf.memory().numTensors;
  await assert.rejects(
    tftSpec.load!(tftConfig.parse({ ...config, loss: "mse" }), context, bytes),
    /does not match the config: outputSize 3 \(config: 1\)/,
  );
  await assert.rejects(
    tftSpec.load!({ ...config, hiddenSize: 16, attentionMask: "include-self" }, context, bytes),
    /hiddenSize 8 \(config: 16\), .*attentionMask "exclude-self" \(config: "include-self"\)/,
  );
  assert.equal(tf.memory().numTensors, before, "a refused load frees what it read");
});

Deno.test("TFT explain: attention over encoder steps and selection weights by variable", async () => {
  const explanation = await first.model.explain!(fold, "test");
  const { steps, weights } = explanation.attention!;
  assert.deepEqual(steps, [-5, -4, -3, -2, -1, 0]);
  assert.ok(weights.every((w) => w > 0));
  // with horizon 1 the decoder step attends to encoder steps only (it cannot see itself)
  const total = weights.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(total - 1) < 1e-5, `encoder attention total ${total}`);
  const importance = explanation.variableImportance!;
  assert.deepEqual(Object.keys(importance.static), ["regime"]);
  assert.deepEqual(Object.keys(importance.past), ["a", "b", "noise", "k0", "season"]);
  assert.deepEqual(Object.keys(importance.future), ["k0", "season"]);
  for (const group of Object.values(importance)) {
    const sum = Object.values(group).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-4, `selection weights sum to ${sum}`);
  }
  // the decoder's signal lives in the known-future "k0": its selection finds it
  assert.ok(importance.future.k0 > importance.future.season, JSON.stringify(importance.future));
  assert.equal(explanation.attentionBySample, undefined);
});

Deno.test("TFT explain per sample on request", async () => {
  const perSample = tftSpec.create({ ...config, attentionPerSample: true }, context);
  const bytes = await first.model.save!();
  const restored = await tftSpec.load!({ ...config, attentionPerSample: true }, context, bytes);
  const explanation = await restored.explain!(fold, "test");
  const { origins, steps, weights } = explanation.attentionBySample!;
  assert.deepEqual([...origins], [...fold.splits.test]);
  assert.equal(weights.length, origins.length * steps.length);
  const mean = steps.map((_, s) => {
    let sum = 0;
    for (let i = 0; i < origins.length; i++) sum += weights[i * steps.length + s];
    return sum / origins.length;
  });
  mean.forEach((m, s) => assert.ok(Math.abs(m - explanation.attention!.weights[s]) < 1e-6));
  restored.dispose!();
  perSample.dispose!();
});

Deno.test("TFT refuses a fold with another layout, and bad configs name the field", async () => {
  const other = tftFold({ rows: 240, horizon: 1, full: false });
  await assert.rejects(first.model.predict(other, "test"), /trained on encoder 6, horizon 1/);
  const untrained = tftSpec.create(config, context);
  await assert.rejects(untrained.predict(fold, "test"), /call fit\(fold\)/);
  assert.throws(() => tftConfig.parse({ hiddenSize: 10, attentionHeads: 4 }), /attentionHeads/);
  assert.throws(() => tftConfig.parse({ quantiles: [0.2, 0.8] }), /must include 0\.5/);
  assert.throws(() => tftConfig.parse({ hidenSize: 8 }), /hidenSize/);
  const defaults = tftConfig.parse({});
  assert.equal(defaults.hiddenSize, 16);
  assert.deepEqual(defaults.quantiles, [0.1, 0.5, 0.9]);
  assert.equal(defaults.training.clipNorm, 0.1);
});

Deno.test("TFT trains with the mse and mse-variance losses (single output, horizon 3)", async () => {
  const multi = tftFold({ rows: 120, horizon: 3 });
  for (const loss of ["mse", "mse-variance"] as const) {
    const model = tftSpec.create(
      tftConfig.parse({ ...config, loss, training: { ...config.training, epochs: 2 } }),
      context,
    );
    const report = await model.fit(multi);
    assert.equal(report.history.length, 2);
    const forecast = await model.predict(multi, "validation");
    assert.equal(forecast.quantiles, undefined);
    assert.equal(forecast.horizon, 3);
    assert.equal(forecast.point.length, multi.splits.validation.length * 3);
    assert.ok(forecast.point.every(Number.isFinite));
    model.dispose!();
  }
});

Deno.test("TFT trains on past variables only (no static, no known-future inputs)", async () => {
  const pastOnly = tftFold({ rows: 100, horizon: 1, full: false });
  const model = tftSpec.create(
    tftConfig.parse({ ...config, training: { ...config.training, epochs: 2 } }),
    context,
  );
  const report = await model.fit(pastOnly);
  assert.equal(report.history.length, 2);
  const forecast = await model.predict(pastOnly, "test");
  assert.ok(forecast.point.length > 0 && forecast.point.every(Number.isFinite));
  const importance = (await model.explain!(pastOnly, "test")).variableImportance!;
  assert.deepEqual([importance.static, importance.future], [{}, {}]);
  assert.deepEqual(Object.keys(importance.past), ["a", "b", "noise"]);
  model.dispose!();
});

Deno.test("TFT names a non-finite input: group, feature, split, row and date", async () => {
  const cases = [
    ["past", /train: past feature "noise" is NaN at row 30 \(2000-08-04\)/],
    ["known", /train: known-future feature "season" is NaN at row 30 \(2000-08-04\)/],
    ["static", /train: static feature "regime" is Infinity at row 30 \(2000-08-04\)/],
  ] as const;
  for (const [group, message] of cases) {
    const broken = tftFold({ rows: 100, horizon: 2 });
    const matrix = broken[group];
    matrix.values[30 * matrix.cols + matrix.cols - 1] = group === "static" ? Infinity : NaN;
    const model = tftSpec.create(config, context);
    await assert.rejects(model.fit(broken), message);
    model.dispose!();
  }
});

Deno.test("TFT on an empty split: empty forecasts and a zero explanation, no NaN", async () => {
  const model = await tftSpec.load!(config, context, await second.model.save!());
  const empty = { ...fold, splits: { ...fold.splits, test: new Int32Array(0) } };
  const forecast = await model.predict(empty, "test");
  assert.equal(forecast.point.length, 0);
  assert.equal(forecast.quantiles!.values.length, 0);
  const explanation = await model.explain!(empty, "test");
  assert.ok(explanation.attention!.weights.every((w) => w === 0));
  assert.ok(Object.values(explanation.variableImportance!.past).every((w) => w === 0));
  model.dispose!();
});

Deno.test("TFT: disposing the models frees every tensor they held", () => {
  const before = tf.memory().numTensors;
  first.model.dispose!();
  second.model.dispose!();
  assert.ok(tf.memory().numTensors < before);
  first.model.dispose!(); // idempotent
});
