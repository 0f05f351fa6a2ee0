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
import { SeededRandom } from "../tf/rng.ts";
import { requireFitted } from "./forecast.ts";
import { fitForest, type Forest, predictForest } from "./forest.ts";
import {
  importanceExplanation,
  type TabularLearner,
  targetColumn,
  WindowRegressor,
} from "./window_regressor.ts";
import { type RandomForestConfig, randomForestConfig } from "./random_forest_config.ts";

export { type RandomForestConfig, randomForestConfig } from "./random_forest_config.ts";

class ForestLearner implements TabularLearner {
  #forests: Forest[] | null = null;

  constructor(private readonly config: RandomForestConfig, private readonly seed: number) {}

  fit(inputs: Parameters<TabularLearner["fit"]>[0]) {
    const maxFeatures = Math.max(1, Math.round(this.config.maxFeatures * inputs.cols));
    const rng = new SeededRandom(this.seed).fork("random-forest");
    this.#forests = Array.from(
      { length: inputs.horizon },
      (_, step) =>
        fitForest(
          inputs,
          targetColumn(inputs, step),
          { ...this.config, maxFeatures },
          rng.fork(`step${step + 1}`),
        ),
    );
    const nodes = this.#forests.flatMap((f) => f.trees.map((t) => t.feature.length));
    return {
      maxFeaturesPerSplit: maxFeatures,
      meanNodesPerTree: nodes.reduce((s, v) => s + v, 0) / nodes.length,
    };
  }

  predict(inputs: Parameters<TabularLearner["predict"]>[0]) {
    const forests = requireFitted(this.#forests, "random-forest");
    const out = new Float64Array(inputs.rows * forests.length);
    forests.forEach((forest, step) => {
      predictForest(forest, inputs).forEach((value, i) => (out[i * forests.length + step] = value));
    });
    return out;
  }

  explain(names: string[]) {
    const forests = requireFitted(this.#forests, "random-forest");
    const mean = names.map((_, j) =>
      forests.reduce((s, f) => s + f.importance[j], 0) / forests.length
    );
    return importanceExplanation(names, mean);
  }
}

export const randomForestSpec: ModelSpec<RandomForestConfig> = {
  kind: "random-forest",
  description: "Random forest on flattened input windows (bootstrap, per-split feature sampling)",
  schema: randomForestConfig,
  create: (config, context: ModelContext) =>
    new WindowRegressor("random-forest", config, new ForestLearner(config, context.seed)),
};
