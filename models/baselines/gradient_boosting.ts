/**
 * Gradient-boosted trees (squared loss, shrinkage, depth limit, row subsampling) on
 * flattened input windows, one ensemble per horizon step (`boosting.ts`). Deterministic
 * given the context seed. `explain()` gives total squared-error-reduction importances by
 * input name (`lag3:rsi14`), averaged over horizon steps.
 *
 * Flattening loses temporal structure: each `lag{k}:{feature}` is an unrelated column.
 */
import type { ModelContext, ModelSpec } from "../contract.ts";
import { SeededRandom } from "../tf/rng.ts";
import { type BoostedTrees, fitBoosting, predictBoosting } from "./boosting.ts";
import { requireFitted } from "./forecast.ts";
import {
  importanceExplanation,
  type TabularLearner,
  targetColumn,
  WindowRegressor,
} from "./window_regressor.ts";
import { type GradientBoostingConfig, gradientBoostingConfig } from "./gradient_boosting_config.ts";

export { type GradientBoostingConfig, gradientBoostingConfig } from "./gradient_boosting_config.ts";

class BoostingLearner implements TabularLearner {
  #models: BoostedTrees[] | null = null;

  constructor(private readonly config: GradientBoostingConfig, private readonly seed: number) {}

  fit(inputs: Parameters<TabularLearner["fit"]>[0]) {
    const maxFeatures = Math.max(1, Math.round(this.config.maxFeatures * inputs.cols));
    const rng = new SeededRandom(this.seed).fork("gradient-boosting");
    this.#models = Array.from(
      { length: inputs.horizon },
      (_, step) =>
        fitBoosting(
          inputs,
          targetColumn(inputs, step),
          { ...this.config, maxFeatures },
          rng.fork(`step${step + 1}`),
        ),
    );
    return {
      trainMseStart: this.#models.map((m) => m.trainLoss[0]),
      trainMseEnd: this.#models.map((m) => m.trainLoss[m.trainLoss.length - 1]),
    };
  }

  predict(inputs: Parameters<TabularLearner["predict"]>[0]) {
    const models = requireFitted(this.#models, "gradient-boosting");
    const out = new Float64Array(inputs.rows * models.length);
    models.forEach((model, step) => {
      predictBoosting(model, inputs).forEach((value, i) => (out[i * models.length + step] = value));
    });
    return out;
  }

  explain(names: string[]) {
    const models = requireFitted(this.#models, "gradient-boosting");
    const mean = names.map((_, j) =>
      models.reduce((s, m) => s + m.importance[j], 0) / models.length
    );
    return importanceExplanation(names, mean);
  }
}

export const gradientBoostingSpec: ModelSpec<GradientBoostingConfig> = {
  kind: "gradient-boosting",
  description: "Gradient-boosted regression trees on flattened input windows",
  schema: gradientBoostingConfig,
  create: (config, context: ModelContext) =>
    new WindowRegressor("gradient-boosting", config, new BoostingLearner(config, context.seed)),
};
