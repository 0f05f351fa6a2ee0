/**
 * Historical mean: every forecast is the mean return of the training rows. Its direction is
 * that of the training drift (evaluation counts a forecast > 0 as "up", ≤ 0 as "down").
 */
import type { Fold, ModelSpec, SplitName } from "../contract.ts";
import { pointForecast, requireFitted, summaryReport } from "./forecast.ts";
import { returnsOf, trainingRows } from "./training_rows.ts";
import { loadWith, type Restorable, saveState } from "./saved_state.ts";
import {
  type HistoricalMeanConfig,
  historicalMeanConfig,
  historicalMeanKind,
} from "./historical_mean_config.ts";

export { type HistoricalMeanConfig, historicalMeanConfig } from "./historical_mean_config.ts";

class HistoricalMean implements Restorable<number> {
  #mean: number | null = null;

  constructor(private readonly config: HistoricalMeanConfig) {}

  fit(fold: Fold) {
    return Promise.try(() => {
      const returns = returnsOf(fold, trainingRows(fold, this.config.fitOn), "historical-mean");
      const mean = returns.reduce((sum, r) => sum + r, 0) / returns.length;
      this.#mean = mean;
      return summaryReport({ point: mean, rows: returns.length });
    });
  }

  predict(fold: Fold, split: SplitName) {
    return Promise.try(() => {
      const mean = requireFitted(this.#mean, "historical-mean");
      return pointForecast(fold, split, () => mean);
    });
  }

  save() {
    return saveState("historical-mean", requireFitted(this.#mean, "historical-mean"));
  }

  restore(mean: number) {
    this.#mean = mean;
  }
}

export const historicalMeanSpec: ModelSpec<HistoricalMeanConfig> = {
  ...historicalMeanKind,
  schema: historicalMeanConfig,
  create: (config) => new HistoricalMean(config),
  load: loadWith("historical-mean", (config) => new HistoricalMean(config)),
};
