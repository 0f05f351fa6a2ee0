/**
 * Ridge regression on flattened input windows, matching scikit-learn's `Ridge(alpha,
 * fit_intercept=True)` (centred, unscaled inputs: the fold's features are already scaled
 * with training statistics). One penalised least-squares fit per horizon step.
 *
 * Flattening loses temporal structure: each `lag{k}:{feature}` is an unrelated column, so
 * the model cannot share a coefficient pattern across lags or know which lag is recent.
 * The default α (1000) is strong because over a hundred correlated columns meet a few hundred
 * noisy rows: on the weekly 2018 fold of weekly-tft (147 columns, 470 rows) validation RMSE was
 * 0.0113 at α = 100, 0.0095 at α = 1000 and 0.0082 at α = 10000, falling towards the historical
 * mean's 0.0080; sweep α in pipelines.
 */
import type { Explanation, ModelSpec } from "../contract.ts";
import { fitRidge, predictRidge, type RidgeSolution } from "./ridge_solver.ts";
import { type TabularLearner, WindowRegressor } from "./window_regressor.ts";
import { requireFitted } from "./forecast.ts";
import { loadWith } from "./saved_state.ts";
import { type RidgeConfig, ridgeConfig, ridgeKind } from "./ridge_config.ts";

export { type RidgeConfig, ridgeConfig } from "./ridge_config.ts";

class RidgeLearner implements TabularLearner {
  #solution: RidgeSolution | null = null;

  constructor(private readonly config: RidgeConfig) {}

  fit(inputs: Parameters<TabularLearner["fit"]>[0]) {
    const solution = fitRidge(inputs, { outputs: inputs.horizon, values: inputs.targets }, {
      alpha: this.config.alpha,
      fitIntercept: this.config.fitIntercept,
    });
    this.#solution = solution;
    let norm = 0;
    for (const c of solution.coefficients) norm += c * c;
    return {
      alpha: this.config.alpha,
      intercept: [...solution.intercept],
      coefficientNorm: Math.sqrt(norm),
    };
  }

  predict(inputs: Parameters<TabularLearner["predict"]>[0]) {
    return predictRidge(requireFitted(this.#solution, "ridge"), inputs);
  }

  state(): RidgeSolution {
    return requireFitted(this.#solution, "ridge");
  }

  restore(state: unknown): void {
    this.#solution = state as RidgeSolution;
  }

  /** Step 1 coefficients by input name; later steps prefixed `step{h}:`. */
  explain(names: string[]): Explanation {
    const { coefficients, intercept, outputs } = requireFitted(this.#solution, "ridge");
    const table: Record<string, number> = {};
    for (let k = 0; k < outputs; k++) {
      const prefix = k === 0 ? "" : `step${k + 1}:`;
      table[`${prefix}intercept`] = intercept[k];
      names.forEach((name, j) => (table[`${prefix}${name}`] = coefficients[j * outputs + k]));
    }
    return { coefficients: table };
  }
}

export const ridgeSpec: ModelSpec<RidgeConfig> = {
  ...ridgeKind,
  schema: ridgeConfig,
  create: (config) => new WindowRegressor("ridge", config, new RidgeLearner(config)),
  load: loadWith(
    "ridge",
    (config) => new WindowRegressor("ridge", config, new RidgeLearner(config)),
  ),
};
