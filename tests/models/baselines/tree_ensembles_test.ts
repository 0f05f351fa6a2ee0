import assert from "node:assert/strict";
import { fitBoosting, predictBoosting } from "../../../models/baselines/boosting.ts";
import { fitForest, predictForest } from "../../../models/baselines/forest.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

/** y = 2·1[x0 > 0] + x1² + noise; x2, x3 are irrelevant. */
function dataset(rows: number, seed: number) {
  const rng = new SeededRandom(seed);
  const cols = 4;
  const values = Float64Array.from({ length: rows * cols }, () => rng.normal());
  const signal = (i: number) => 2 * (values[i * cols] > 0 ? 1 : 0) + values[i * cols + 1] ** 2;
  const y = Float64Array.from({ length: rows }, (_, i) => signal(i) + 0.3 * rng.normal());
  const clean = Float64Array.from({ length: rows }, (_, i) => signal(i));
  return { x: { rows, cols, values }, y, clean };
}

const mse = (a: Float64Array, b: Float64Array) =>
  a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0) / a.length;
const variance = (a: Float64Array) => {
  const m = a.reduce((s, v) => s + v, 0) / a.length;
  return a.reduce((s, v) => s + (v - m) ** 2, 0) / a.length;
};

const train = dataset(600, 1);
const test = dataset(400, 2);

Deno.test("random forest learns a nonlinear signal, ranks the informative inputs, is seeded", () => {
  const options = {
    trees: 40,
    maxDepth: 6,
    minSamplesLeaf: 5,
    maxFeatures: 2,
    bootstrap: true,
    maxBins: 64,
  };
  const forest = fitForest(train.x, train.y, options, new SeededRandom(9));
  const predictions = predictForest(forest, test.x);
  assert.ok(
    mse(predictions, test.clean) < 0.2 * variance(test.clean),
    `mse ${mse(predictions, test.clean)}`,
  );
  const [x0, x1, x2, x3] = forest.importance;
  assert.ok(Math.abs(x0 + x1 + x2 + x3 - 1) < 1e-12);
  assert.ok(Math.min(x0, x1) > 5 * Math.max(x2, x3), `${forest.importance}`);

  const again = predictForest(fitForest(train.x, train.y, options, new SeededRandom(9)), test.x);
  assert.deepEqual([...again], [...predictions]);
  const other = predictForest(fitForest(train.x, train.y, options, new SeededRandom(10)), test.x);
  assert.notDeepEqual([...other], [...predictions]);
});

Deno.test("gradient boosting lowers training loss steadily and generalises", () => {
  const options = {
    trees: 150,
    learningRate: 0.1,
    maxDepth: 3,
    minSamplesLeaf: 5,
    subsample: 0.8,
    maxFeatures: 4,
    maxBins: 64,
  };
  const model = fitBoosting(train.x, train.y, options, new SeededRandom(3));
  assert.equal(model.trainLoss.length, 151);
  assert.ok(Math.abs(model.trainLoss[0] - variance(train.y)) < 1e-12);
  // With subsampling a stage can rise slightly; the trend must fall steadily.
  for (let t = 10; t < model.trainLoss.length; t += 10) {
    assert.ok(model.trainLoss[t] < model.trainLoss[t - 10]);
  }
  const predictions = predictBoosting(model, test.x);
  assert.ok(
    mse(predictions, test.clean) < 0.15 * variance(test.clean),
    `mse ${mse(predictions, test.clean)}`,
  );
  assert.ok(
    Math.min(model.importance[0], model.importance[1]) >
      5 * Math.max(model.importance[2], model.importance[3]),
  );
  const again = predictBoosting(
    fitBoosting(train.x, train.y, options, new SeededRandom(3)),
    test.x,
  );
  assert.deepEqual([...again], [...predictions]);
});

Deno.test("one boosted stump with learning rate 1 predicts two leaf means", () => {
  // One stump, learning rate 1: base + tree = the best single split's leaf means.
  const options = {
    trees: 1,
    learningRate: 1,
    maxDepth: 1,
    minSamplesLeaf: 1,
    subsample: 1,
    maxFeatures: 4,
    maxBins: 256,
  };
  const model = fitBoosting(train.x, train.y, options, new SeededRandom(1));
  const fitted = predictBoosting(model, train.x);
  assert.ok(Math.abs(mse(fitted, train.y) - model.trainLoss[1]) < 1e-12);
  assert.equal(new Set(fitted).size, 2);
});
