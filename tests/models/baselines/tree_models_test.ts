import assert from "node:assert/strict";
import { gradientBoostingSpec } from "../../../models/baselines/gradient_boosting.ts";
import { randomForestSpec } from "../../../models/baselines/random_forest.ts";
import type { ModelSpec } from "../../../models/contract.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import { syntheticFold } from "./synthetic_fold.ts";

/** The next return's sign follows feature `signal` at the origin row; `noise` is irrelevant. */
function signalFold(horizon: number) {
  const rng = new SeededRandom(21);
  const n = 400;
  const signal = Float64Array.from({ length: n }, () => rng.normal());
  const noise = Float64Array.from({ length: n }, () => rng.normal());
  const target = Float64Array.from(
    { length: n },
    (_, t) => t === 0 ? 0 : 0.02 * Math.sign(signal[t - 1]) + 0.005 * rng.normal(),
  );
  const regime = Float64Array.from({ length: n }, (_, t) => t % 2);
  return syntheticFold({
    target,
    past: { signal, noise },
    static: { regime },
    encoderLength: 3,
    horizon,
  });
}

const small = {
  "random-forest": { trees: 30, maxDepth: 4, minSamplesLeaf: 5 },
  "gradient-boosting": { trees: 60, learningRate: 0.1, maxDepth: 2, minSamplesLeaf: 5 },
};

// deno-lint-ignore no-explicit-any
for (const spec of [randomForestSpec, gradientBoostingSpec] as ModelSpec<any>[]) {
  const kind = spec.kind as keyof typeof small;
  Deno.test(`${kind} learns a directional signal through the contract and explains it by input name`, async () => {
    const fold = signalFold(2);
    const model = spec.create(spec.schema.parse(small[kind]), { seed: 7, backend: "cpu" });
    const report = await model.fit(fold);
    assert.equal(report.summary.inputs, 3 * 2 + 1);
    const forecast = await model.predict(fold, "test");
    assert.equal(forecast.point.length, fold.splits.test.length * 2);
    let hits = 0;
    fold.splits.test.forEach((origin, i) => {
      if (Math.sign(forecast.point[i * 2]) === Math.sign(fold.target[origin + 1])) hits++;
    });
    assert.ok(
      hits / fold.splits.test.length > 0.9,
      `directional accuracy ${hits / fold.splits.test.length}`,
    );
    const { variableImportance } = await model.explain!(fold, "test");
    const past = variableImportance!.past;
    const top = Object.entries(past).sort((a, b) => b[1] - a[1])[0][0];
    assert.equal(top, "lag0:signal");
    assert.deepEqual(Object.keys(variableImportance!.static), ["regime"]);
  });

  Deno.test(`${kind} is deterministic given the seed`, async () => {
    const fold = signalFold(1);
    const run = async (seed: number) => {
      const model = spec.create(spec.schema.parse({ ...small[kind], lags: 2 }), {
        seed,
        backend: "cpu",
      });
      await model.fit(fold);
      return [...(await model.predict(fold, "validation")).point];
    };
    assert.deepEqual(await run(1), await run(1));
    assert.notDeepEqual(await run(1), await run(2));
  });
}

Deno.test("tree configs: defaults from parse({}) and errors that name the field", () => {
  const windowDefaults = { lags: null, includeStatic: true, fitOn: "train" };
  assert.deepEqual(randomForestSpec.schema.parse({}), {
    trees: 200,
    maxDepth: 6,
    minSamplesLeaf: 10,
    maxFeatures: 1 / 3,
    bootstrap: true,
    maxBins: 64,
    ...windowDefaults,
  });
  assert.deepEqual(gradientBoostingSpec.schema.parse({}), {
    trees: 200,
    learningRate: 0.05,
    maxDepth: 3,
    minSamplesLeaf: 20,
    subsample: 0.8,
    maxFeatures: 1,
    maxBins: 64,
    ...windowDefaults,
  });
  assert.throws(() => randomForestSpec.schema.parse({ maxFeatures: 0 }), /"maxFeatures"/);
  assert.throws(() => randomForestSpec.schema.parse({ maxBins: 1000 }), /"maxBins"/);
  assert.throws(() => gradientBoostingSpec.schema.parse({ subsample: 1.5 }), /"subsample"/);
  assert.throws(() => gradientBoostingSpec.schema.parse({ learningRate: 0 }), /"learningRate"/);
});

Deno.test("tree models refuse missing training targets and mismatched folds by name", async () => {
  const fold = signalFold(1);
  const gappy = structuredClone(fold);
  gappy.target[fold.splits.train[5] + 1] = NaN;
  const model = randomForestSpec.create(randomForestSpec.schema.parse(small["random-forest"]), {
    seed: 1,
    backend: "cpu",
  });
  await assert.rejects(model.fit(gappy), /target row 8 \(2000-03-03\) of origin 7 is NaN/);
  await model.fit(fold);
  const narrower = syntheticFold({
    target: fold.target,
    past: { signal: fold.target },
    encoderLength: 3,
  });
  await assert.rejects(
    model.predict(narrower, "test"),
    /different inputs than the model was fitted on/,
  );
});
