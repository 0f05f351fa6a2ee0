/**
 * The guide's classical baselines on flattened windows (its `train_baseline_models`): ridge
 * (α = 1), a random forest (100 trees, depth ≤ 10, every column a split candidate, as
 * scikit-learn's regressor) and gradient boosting (100 trees, depth ≤ 5, learning rate 0.1),
 * fitted on the raw returns of the training windows — the fit windows, plus the checkpoint
 * windows when those are training windows (they are the test windows under `stopOn: "test"`)
 * — and forecasting the test windows. The project's own solvers (`models/baselines/`).
 */
import { fitRidge, predictRidge } from "../baselines/ridge_solver.ts";
import { fitForest, predictForest } from "../baselines/forest.ts";
import { fitBoosting, predictBoosting } from "../baselines/boosting.ts";
import { MAX_BINS } from "../baselines/bin_limit.ts";
import { SeededRandom, seedFrom } from "../tf/rng.ts";
import type { GuideFrame } from "./features.ts";
import type { GuideProtocol } from "./protocol.ts";
import type { ForecastScore } from "./score.ts";
import { type GuideWindows, windowTensors } from "./windows.ts";

export const GUIDE_BASELINES = ["ridge", "random-forest", "gradient-boosting"] as const;
export type GuideBaseline = typeof GUIDE_BASELINES[number];

/** What a baselines node stores: each baseline's scores on the run's test windows. */
export interface GuideBaselineScores {
  kind: "cls-guide-baselines";
  /** Test days scored (equal to the Transformer run's with the same protocol). */
  rows: number;
  scores: Record<string, ForecastScore>;
}

export interface GuideBaselineOptions {
  /** Trees of the forest and of the boosting (the guide: 100 each). */
  trees: number;
  seed: number;
}

export function fitGuideBaselines(
  frame: GuideFrame,
  windows: GuideWindows,
  protocol: GuideProtocol,
  options: GuideBaselineOptions,
): Record<GuideBaseline, Float64Array> {
  const L = protocol.lookback;
  const cols = L * frame.columns.length;
  const trainStarts = protocol.stopOn === "test"
    ? windows.fit
    : [...windows.fit, ...windows.checkpoint];
  const train = windowTensors(frame, windows, trainStarts, L);
  const test = windowTensors(frame, windows, windows.test, L);
  const x = { rows: trainStarts.length, cols, values: Float64Array.from(train.inputs) };
  const xTest = { rows: windows.test.length, cols, values: Float64Array.from(test.inputs) };
  const ridge = fitRidge(x, { outputs: 1, values: train.targets }, {
    alpha: 1,
    fitIntercept: true,
  });
  const rng = (name: string) => new SeededRandom(seedFrom(options.seed, `cls-guide:${name}`));
  const forest = fitForest(x, train.targets, {
    trees: options.trees,
    maxDepth: 10,
    minSamplesLeaf: 1,
    maxFeatures: cols,
    bootstrap: true,
    maxBins: MAX_BINS,
  }, rng("random-forest"));
  const boosting = fitBoosting(x, train.targets, {
    trees: options.trees,
    learningRate: 0.1,
    maxDepth: 5,
    minSamplesLeaf: 1,
    maxFeatures: cols,
    subsample: 1,
    maxBins: MAX_BINS,
  }, rng("gradient-boosting"));
  return {
    ridge: predictRidge(ridge, xTest),
    "random-forest": predictForest(forest, xTest),
    "gradient-boosting": predictBoosting(boosting, xTest),
  };
}
