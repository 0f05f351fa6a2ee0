/**
 * The histogram trees against scikit-learn on the carried reference table
 * (tests/fixtures/reference/generate_trees.py), in the settings where the two must agree
 * exactly: all columns as split candidates, no bootstrap or subsampling, and every distinct
 * value of a column its own bin. Stated tolerance: the same split features and thresholds,
 * node means, predictions and importances within 1e-12 (floating-point summation order
 * is all that differs).
 */
import assert from "node:assert/strict";
import { fitBoosting, predictBoosting } from "../../../models/baselines/boosting.ts";
import { fitForest, predictForest } from "../../../models/baselines/forest.ts";
import { MAX_BINS } from "../../../models/baselines/bin_limit.ts";
import type { TreeInputs } from "../../../models/baselines/regression_tree.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

interface TreeNodes {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}
const ref: {
  generator: string;
  cols: number;
  xTrain: number[];
  yTrain: number[];
  xTest: number[];
  tree: {
    options: { maxDepth: number; minSamplesLeaf: number };
    nodes: TreeNodes;
    predictions: number[];
    importance: number[];
  };
  forest: {
    options: { trees: number; maxDepth: number; minSamplesLeaf: number };
    predictions: number[];
    importance: number[];
  };
  boosting: {
    options: { trees: number; learningRate: number; maxDepth: number; minSamplesLeaf: number };
    predictions: number[];
    trainLoss: number[];
    importance: number[];
  };
} = JSON.parse(
  await Deno.readTextFile(
    new URL("../../fixtures/reference/trees_reference.json", import.meta.url),
  ),
);

const TOLERANCE = 1e-12;
const inputs = (values: number[]): TreeInputs => ({
  rows: values.length / ref.cols,
  cols: ref.cols,
  values: Float64Array.from(values),
});
const train = inputs(ref.xTrain);
const test = inputs(ref.xTest);
const y = Float64Array.from(ref.yTrain);
const exact = { maxFeatures: ref.cols, maxBins: MAX_BINS };

function assertClose(actual: ArrayLike<number>, expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i]));
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= TOLERANCE * scale,
      `${what}[${i}]: ${actual[i]} vs scikit-learn's ${expected[i]} (${ref.generator})`,
    );
  }
}

Deno.test("one regression tree grows scikit-learn's DecisionTreeRegressor, node for node", () => {
  const forest = fitForest(train, y, {
    ...ref.tree.options,
    ...exact,
    trees: 1,
    bootstrap: false,
  }, new SeededRandom(1));
  const [tree] = forest.trees;
  const nodes = ref.tree.nodes;
  assert.ok(nodes.feature.filter((f) => f >= 0).length >= 7, "the reference tree is too small");
  assert.deepEqual([...tree.feature], nodes.feature, "split features, pre-order");
  assert.deepEqual([...tree.left], nodes.left, "left children");
  assert.deepEqual([...tree.right], nodes.right, "right children");
  assertClose(tree.threshold, nodes.threshold, "thresholds");
  assertClose(tree.value, nodes.value, "node means");
  assertClose(predictForest(forest, test), ref.tree.predictions, "predictions");
  assertClose(forest.importance, ref.tree.importance, "importances");
});

Deno.test("the random forest without bootstrap on all columns matches RandomForestRegressor", () => {
  const forest = fitForest(
    train,
    y,
    { ...ref.forest.options, ...exact, bootstrap: false },
    new SeededRandom(5),
  );
  assert.equal(forest.trees.length, ref.forest.options.trees);
  assertClose(predictForest(forest, test), ref.forest.predictions, "predictions");
  assertClose(forest.importance, ref.forest.importance, "importances");
});

Deno.test("gradient boosting without subsampling matches GradientBoostingRegressor stage by stage", () => {
  const model = fitBoosting(
    train,
    y,
    { ...ref.boosting.options, ...exact, subsample: 1 },
    new SeededRandom(9),
  );
  assertClose(model.trainLoss, ref.boosting.trainLoss, "training MSE after each stage");
  assertClose(predictBoosting(model, test), ref.boosting.predictions, "predictions");
  assertClose(model.importance, ref.boosting.importance, "importances");
});
