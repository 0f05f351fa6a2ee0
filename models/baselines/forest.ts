/**
 * Random forest regression (Breiman 2001): each tree grows on a bootstrap sample, choosing
 * each split among `maxFeatures` randomly drawn columns; the forecast is the trees' mean.
 * Importance is the mean decrease in squared error, normalised per tree and averaged over
 * trees (scikit-learn's `feature_importances_`).
 */
import type { SeededRandom } from "../tf/rng.ts";
import { binInputs } from "./binning.ts";
import {
  growTree,
  normaliseImportance,
  predictTree,
  type RegressionTree,
  type TreeInputs,
  type TreeOptions,
} from "./regression_tree.ts";

export interface ForestOptions extends TreeOptions {
  trees: number;
  bootstrap: boolean;
  maxBins: number;
}

export interface Forest {
  trees: RegressionTree[];
  importance: Float64Array;
}

export function fitForest(
  x: TreeInputs,
  y: Float64Array,
  options: ForestOptions,
  rng: SeededRandom,
): Forest {
  const data = binInputs(x.values, x.rows, x.cols, options.maxBins);
  const importance = new Float64Array(x.cols);
  const treeImportance = new Float64Array(x.cols);
  const trees: RegressionTree[] = [];
  for (let t = 0; t < options.trees; t++) {
    const samples = options.bootstrap
      ? Int32Array.from({ length: x.rows }, () => rng.int(x.rows))
      : Int32Array.from({ length: x.rows }, (_, i) => i);
    treeImportance.fill(0);
    trees.push(growTree(data, y, samples, options, rng, treeImportance));
    const total = treeImportance.reduce((s, v) => s + v, 0);
    if (total > 0) { for (let j = 0; j < x.cols; j++) importance[j] += treeImportance[j] / total; }
  }
  normaliseImportance(importance);
  return { trees, importance };
}

/** Mean prediction of the trees for each row of x. */
export function predictForest(
  forest: Forest,
  x: TreeInputs,
): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let sum = 0;
    for (const tree of forest.trees) sum += predictTree(tree, x.values, i * x.cols);
    out[i] = sum / forest.trees.length;
  }
  return out;
}
