/**
 * Always-long: every forecast says "up". The point forecast is the mean absolute return of
 * the training rows: positive, so its sign is the direction call (evaluation counts a
 * forecast > 0 as "up"), and of a plausible size for error metrics.
 */
import type { Fold, ModelSpec, SplitName } from "../contract.ts";
import { pointForecast, requireFitted, summaryReport } from "./forecast.ts";
import { returnsOf, trainingRows } from "./training_rows.ts";
import { loadWith, type Restorable, saveState } from "./saved_state.ts";
import { type AlwaysLongConfig, alwaysLongConfig, alwaysLongKind } from "./always_long_config.ts";

export { type AlwaysLongConfig, alwaysLongConfig } from "./always_long_config.ts";

class AlwaysLong implements Restorable<number> {
  #level: number | null = null;

  constructor(private readonly config: AlwaysLongConfig) {}

  fit(fold: Fold) {
    return Promise.try(() => {
      const rows = trainingRows(fold, this.config.fitOn);
      const returns = returnsOf(fold, rows, "always-long");
      const level = returns.reduce((sum, r) => sum + Math.abs(r), 0) / returns.length;
      if (!(level > 0)) {
        throw new Error(
          `always-long: fold ${fold.id} training rows ${rows.first}..${rows.last} hold only zero ` +
            `returns, so there is no positive return size to predict`,
        );
      }
      this.#level = level;
      return summaryReport({ point: level, rows: returns.length });
    });
  }

  predict(fold: Fold, split: SplitName) {
    return Promise.try(() => {
      const level = requireFitted(this.#level, "always-long");
      return pointForecast(fold, split, () => level);
    });
  }

  save() {
    return saveState("always-long", requireFitted(this.#level, "always-long"));
  }

  restore(level: number) {
    this.#level = level;
  }
}

export const alwaysLongSpec: ModelSpec<AlwaysLongConfig> = {
  ...alwaysLongKind,
  schema: alwaysLongConfig,
  create: (config) => new AlwaysLong(config),
  load: loadWith("always-long", (config) => new AlwaysLong(config)),
};
