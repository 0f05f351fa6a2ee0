import assert from "node:assert/strict";
import { alwaysLongSpec } from "../../../models/baselines/always_long.ts";
import { historicalMeanSpec } from "../../../models/baselines/historical_mean.ts";
import { momentumSpec } from "../../../models/baselines/momentum.ts";
import { randomWalkSpec } from "../../../models/baselines/random_walk.ts";
import type { ModelSpec } from "../../../models/contract.ts";
import { syntheticFold } from "./synthetic_fold.ts";

// Values exact in float32, so expected forecasts can be computed by hand.
const target = [0.5, -0.25, 0.75, -1, 0.25, 0.5, -0.5, 1, -0.75, 0.125, 0.25, -0.125];
// encoderLength 2, horizon 2: train origins 1..4 see rows 0..6; validation 5..6, test 7..9.
const fold = syntheticFold({
  target,
  encoderLength: 2,
  horizon: 2,
  splits: { train: [1, 2, 3, 4], validation: [5, 6], test: [7, 8, 9] },
});

async function forecast(
  // deno-lint-ignore no-explicit-any
  spec: ModelSpec<any>,
  config: unknown = {},
  split: "test" | "validation" = "test",
) {
  const model = spec.create(spec.schema.parse(config), { seed: 1, backend: "cpu" });
  await model.fit(fold);
  return model.predict(fold, split);
}

Deno.test("always-long predicts the training mean absolute return at every origin and step", async () => {
  const trainRows = target.slice(0, 7); // rows 0..(4 + horizon 2)
  const level = trainRows.reduce((s, r) => s + Math.abs(r), 0) / trainRows.length;
  const result = await forecast(alwaysLongSpec);
  assert.deepEqual([...result.origins], [7, 8, 9]);
  assert.equal(result.horizon, 2);
  assert.deepEqual([...result.point], Array(6).fill(Math.fround(level)));
  assert.ok(level > 0);
  // fitOn train+validation also reads rows up to validation origin 6 + 2.
  const wider = target.slice(0, 9).reduce((s, r) => s + Math.abs(r), 0) / 9;
  const widened = await forecast(alwaysLongSpec, { fitOn: "train+validation" });
  assert.equal(widened.point[0], Math.fround(wider));
});

Deno.test("always-long refuses training rows with only zero returns", async () => {
  const flat = syntheticFold({ target: Array(12).fill(0) });
  const model = alwaysLongSpec.create(alwaysLongSpec.schema.parse({}), { seed: 1, backend: "cpu" });
  await assert.rejects(model.fit(flat), /only zero returns/);
});

Deno.test("historical-mean predicts the training mean return", async () => {
  const mean = target.slice(0, 7).reduce((s, r) => s + r, 0) / 7;
  const result = await forecast(historicalMeanSpec);
  assert.deepEqual([...result.point], Array(6).fill(Math.fround(mean)));
});

Deno.test("momentum predicts the last return (or the mean of the lookback) at each origin", async () => {
  const last = await forecast(momentumSpec);
  assert.deepEqual([...last.point], [1, 1, -0.75, -0.75, 0.125, 0.125]);
  const three = await forecast(momentumSpec, { lookback: 3 }, "validation");
  // origins 5, 6: mean of rows 3..5 and 4..6
  assert.deepEqual([...three.point], [-0.25 / 3, -0.25 / 3, 0.25 / 3, 0.25 / 3].map(Math.fround));
});

Deno.test("momentum names the origin that lacks lookback rows", async () => {
  const model = momentumSpec.create(momentumSpec.schema.parse({ lookback: 5 }), {
    seed: 1,
    backend: "cpu",
  });
  await model.fit(fold);
  await assert.rejects(
    model.predict(fold, "train"),
    /origin row 1 \(2000-01-14\) has fewer than lookback=5/,
  );
});

Deno.test("random-walk predicts exactly zero", async () => {
  const result = await forecast(randomWalkSpec);
  assert.deepEqual([...result.point], Array(6).fill(0));
});

Deno.test("naive configs: defaults from parse({}) and errors that name the field", () => {
  assert.deepEqual(alwaysLongSpec.schema.parse({}), { fitOn: "train" });
  assert.deepEqual(historicalMeanSpec.schema.parse({}), { fitOn: "train" });
  assert.deepEqual(momentumSpec.schema.parse({}), { lookback: 1 });
  assert.deepEqual(randomWalkSpec.schema.parse({}), {});
  assert.throws(() => momentumSpec.schema.parse({ lookback: 0 }), /lookback/);
  assert.throws(() => alwaysLongSpec.schema.parse({ fitOn: "test" }), /fitOn/);
  assert.throws(() => randomWalkSpec.schema.parse({ drift: 1 }), /drift/);
});

Deno.test("naive models refuse to predict before fit and name missing returns", async () => {
  const model = historicalMeanSpec.create({ fitOn: "train" }, { seed: 1, backend: "cpu" });
  await assert.rejects(model.predict(fold, "test"), /call fit\(fold\) before predict/);
  const gappy = syntheticFold({ target: target.map((r, t) => (t === 3 ? NaN : r)) });
  await assert.rejects(model.fit(gappy), /target row 3 \(2000-01-28\) is NaN/);
});
