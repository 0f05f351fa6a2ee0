/**
 * Gradient-boosted trees (squared loss, shrinkage, depth limit, row subsampling) on
 * flattened input windows, one ensemble per horizon step (`boosting.ts`). Deterministic
 * given the context seed. `explain()` gives total squared-error-reduction importances by
 * input name (`lag3:rsi14`), averaged over horizon steps.
 *
 * Flattening loses temporal structure: each `lag{k}:{feature}` is an unrelated column.
 */
import type { ModelContext, ModelSpec } from "../contract.ts";
import { type BoostedTrees, fitBoosting, predictBoosting } from "./boosting.ts";
import { featuresPerSplit, StepEnsembleLearner } from "./step_ensembles.ts";
import { WindowRegressor } from "./window_regressor.ts";
import { loadWith } from "./saved_state.ts";
import {
  type GradientBoostingConfig,
  gradientBoostingConfig,
  gradientBoostingKind,
} from "./gradient_boosting_config.ts";

export { type GradientBoostingConfig, gradientBoostingConfig } from "./gradient_boosting_config.ts";

function boostingLearner(config: GradientBoostingConfig, seed: number) {
  return new StepEnsembleLearner<BoostedTrees>({
    kind: gradientBoostingKind.kind,
    seed,
    fit: (inputs, target, rng) =>
      fitBoosting(
        inputs,
        target,
        { ...config, maxFeatures: featuresPerSplit(config.maxFeatures, inputs.cols) },
        rng,
      ),
    predict: predictBoosting,
    summary: (models) => ({
      trainMseStart: models.map((m) => m.trainLoss[0]),
      trainMseEnd: models.map((m) => m.trainLoss[m.trainLoss.length - 1]),
    }),
  });
}

const gradientBoosting = (config: GradientBoostingConfig, context: ModelContext) =>
  new WindowRegressor(gradientBoostingKind.kind, config, boostingLearner(config, context.seed));

export const gradientBoostingSpec: ModelSpec<GradientBoostingConfig> = {
  ...gradientBoostingKind,
  schema: gradientBoostingConfig,
  create: (config, context) => gradientBoosting(config, context),
  load: loadWith(gradientBoostingKind.kind, (config, context) => gradientBoosting(config, context)),
};
