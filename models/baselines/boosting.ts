/**
 * Gradient-boosted regression trees with squared loss (Friedman 2001): start from the mean,
 * then each tree fits the current residuals on a random subsample of rows (stochastic
 * boosting, drawn without replacement) and is added with shrinkage `learningRate`.
 * Importance is the total decrease in squared error per column over all trees, normalised.
 * No npm package does this in plain JS with seeds (ml-xgboost is an unmaintained 2017 wasm
 * build), so this small one is written on the shared histogram tree.
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

export interface BoostingOptions extends TreeOptions {
  trees: number;
  learningRate: number;
  /** Share of rows each tree sees, in (0, 1]. */
  subsample: number;
  maxBins: number;
}

export interface BoostedTrees {
  base: number;
  learningRate: number;
  trees: RegressionTree[];
  importance: Float64Array;
  /** Training mean squared error after 0, 1, …, trees stages. */
  trainLoss: number[];
}

export function fitBoosting(
  x: TreeInputs,
  y: Float64Array,
  options: BoostingOptions,
  rng: SeededRandom,
): BoostedTrees {
  const data = binInputs(x.values, x.rows, x.cols, options.maxBins);
  const n = x.rows;
  const base = y.reduce((s, v) => s + v, 0) / n;
  const fitted = new Float64Array(n).fill(base);
  const residual = new Float64Array(n);
  const importance = new Float64Array(x.cols);
  const trees: RegressionTree[] = [];
  const mse = () => fitted.reduce((s, f, i) => s + (y[i] - f) ** 2, 0) / n;
  const trainLoss = [mse()];
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const take = Math.max(1, Math.round(options.subsample * n));
  for (let t = 0; t < options.trees; t++) {
    for (let i = 0; i < n; i++) residual[i] = y[i] - fitted[i];
    if (take < n) {
      for (let i = 0; i < take; i++) {
        const pick = i + rng.int(n - i);
        [rows[i], rows[pick]] = [rows[pick], rows[i]];
      }
    }
    const samples = rows.slice(0, take).sort();
    const tree = growTree(data, residual, samples, options, rng, importance);
    trees.push(tree);
    for (let i = 0; i < n; i++) {
      fitted[i] += options.learningRate * predictTree(tree, x.values, i * x.cols);
    }
    trainLoss.push(mse());
  }
  normaliseImportance(importance);
  return { base, learningRate: options.learningRate, trees, importance, trainLoss };
}

export function predictBoosting(
  model: BoostedTrees,
  x: TreeInputs,
): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let value = model.base;
    for (const tree of model.trees) {
      value += model.learningRate * predictTree(tree, x.values, i * x.cols);
    }
    out[i] = value;
  }
  return out;
}
