/**
 * GARCH(1,1) volatility baseline, fitted by maximum likelihood on the training returns.
 * `mean: "constant"` (default) estimates μ, `"zero"` fixes it at 0. `predict` returns the
 * mean as the point forecast (its sign is the direction call: > 0 "up", ≤ 0 "down") and,
 * in `variance`, the variance forecasts per origin: the recursion runs through every
 * realised return up to the origin with the fitted parameters fixed, giving σ²ₒ₊₁, and
 * later steps decay towards the long-run variance ω / (1 − α − β).
 */
import type { Explanation, Fold, ModelSpec, SplitName } from "../contract.ts";
import { requireFitted, summaryReport } from "./forecast.ts";
import { fitGarch } from "./garch_fit.ts";
import {
  garchBackcast,
  type GarchParams,
  unconditionalVariance,
  varianceForecasts,
} from "./garch_likelihood.ts";
import { returnsOf, trainingRows } from "./training_rows.ts";
import { loadWith, type Restorable, saveState } from "./saved_state.ts";
import { type GarchConfig, garchConfig, garchKind } from "./garch_config.ts";

export { type GarchConfig, garchConfig } from "./garch_config.ts";

interface Fitted {
  params: GarchParams;
  firstRow: number;
  /** σ² of the first training row (the recursion's start). */
  backcast: number;
}

class Garch implements Restorable<Fitted> {
  #fitted: Fitted | null = null;

  constructor(private readonly config: GarchConfig) {}

  fit(fold: Fold) {
    return Promise.try(() => {
      const rows = trainingRows(fold, this.config.fitOn);
      const returns = returnsOf(fold, rows, "garch");
      const fit = fitGarch(returns, this.config.mean, this.config.maxIterations);
      const { params } = fit;
      this.#fitted = { params, firstRow: rows.first, backcast: garchBackcast(returns, params.mu) };
      return summaryReport({
        ...params,
        persistence: params.alpha + params.beta,
        unconditionalVariance: unconditionalVariance(params),
        logLikelihood: fit.logLikelihood,
        aic: fit.aic,
        converged: String(fit.converged),
        rows: returns.length,
      });
    });
  }

  predict(fold: Fold, split: SplitName) {
    return Promise.try(() => {
      const { params, firstRow, backcast } = requireFitted(this.#fitted, "garch");
      const origins = fold.splits[split];
      const horizon = fold.horizon;
      const lastOrigin = origins.reduce((max, o) => Math.max(max, o), firstRow);
      const returns = returnsOf(fold, { first: firstRow, last: lastOrigin }, "garch");
      // next[k] = σ² of row firstRow + k given returns up to the row before it.
      const next = new Float64Array(returns.length + 1);
      next[0] = backcast;
      for (let k = 0; k < returns.length; k++) {
        next[k + 1] = params.omega + params.alpha * (returns[k] - params.mu) ** 2 +
          params.beta * next[k];
      }
      const point = new Float32Array(origins.length * horizon).fill(params.mu);
      const variance = new Float32Array(origins.length * horizon);
      origins.forEach((origin, i) => {
        if (origin + 1 < firstRow) {
          throw new Error(
            `garch: fold ${fold.id} ${split} origin row ${origin} (${fold.dates[origin]}) ` +
              `lies before the training window, which starts at row ${firstRow}`,
          );
        }
        variance.set(varianceForecasts(params, next[origin + 1 - firstRow], horizon), i * horizon);
      });
      return { split, origins, horizon, point, variance };
    });
  }

  explain(): Promise<Explanation> {
    return Promise.try(() => {
      const { params } = requireFitted(this.#fitted, "garch");
      return { coefficients: { ...params } };
    });
  }

  save() {
    return saveState("garch", requireFitted(this.#fitted, "garch"));
  }

  restore(fitted: Fitted) {
    this.#fitted = fitted;
  }
}

export const garchSpec: ModelSpec<GarchConfig> = {
  ...garchKind,
  schema: garchConfig,
  create: (config) => new Garch(config),
  load: loadWith("garch", (config) => new Garch(config)),
};
