/**
 * Random forest on flattened input windows: one forest per horizon step, bootstrap rows,
 * `maxFeatures` of the columns drawn per split, histogram split search (`regression_tree.ts`).
 * Deterministic given the context seed. `explain()` gives mean-decrease-in-impurity
 * importances by input name (`lag3:rsi14`), averaged over horizon steps.
 *
 * Flattening loses temporal structure: each `lag{k}:{feature}` is an unrelated column.
 * Defaults favour shallow trees with large leaves, since weekly returns are mostly noise.
 */
import type { ModelContext, ModelSpec } from "../contract.ts";
import { fitForest, type Forest, predictForest } from "./forest.ts";
import { featuresPerSplit, StepEnsembleLearner } from "./step_ensembles.ts";
import { WindowRegressor } from "./window_regressor.ts";
import { loadWith } from "./saved_state.ts";
import {
  type RandomForestConfig,
  randomForestConfig,
  randomForestKind,
} from "./random_forest_config.ts";

export { type RandomForestConfig, randomForestConfig } from "./random_forest_config.ts";

function forestLearner(config: RandomForestConfig, seed: number) {
  const maxFeatures = (cols: number) => featuresPerSplit(config.maxFeatures, cols);
  return new StepEnsembleLearner<Forest>({
    kind: randomForestKind.kind,
    seed,
    fit: (inputs, target, rng) =>
      fitForest(inputs, target, { ...config, maxFeatures: maxFeatures(inputs.cols) }, rng),
    predict: predictForest,
    summary: (forests, inputs) => {
      const nodes = forests.flatMap((f) => f.trees.map((t) => t.feature.length));
      return {
        maxFeaturesPerSplit: maxFeatures(inputs.cols),
        meanNodesPerTree: nodes.reduce((s, v) => s + v, 0) / nodes.length,
      };
    },
  });
}

const randomForest = (config: RandomForestConfig, context: ModelContext) =>
  new WindowRegressor(randomForestKind.kind, config, forestLearner(config, context.seed));

export const randomForestSpec: ModelSpec<RandomForestConfig> = {
  ...randomForestKind,
  schema: randomForestConfig,
  create: (config, context) => randomForest(config, context),
  load: loadWith(randomForestKind.kind, (config, context) => randomForest(config, context)),
};
