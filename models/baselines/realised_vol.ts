/**
 * The realised-volatility naive forecast, the bar any volatility model must clear besides
 * GARCH: the variance of the next bar (every step of the horizon) is the mean of the squared
 * returns of the last `window` bars up to and including the origin (fewer at the fold's first
 * rows, at least one). The point forecast is the mean training return (or 0), so its
 * direction call is a constant, like GARCH's.
 */
import type { Fold, ModelSpec, SplitName } from "../contract.ts";
import { requireFitted, summaryReport } from "./forecast.ts";
import { returnsOf, trainingRows } from "./training_rows.ts";
import { loadWith, type Restorable, saveState } from "./saved_state.ts";
import {
  type RealisedVolConfig,
  realisedVolConfig,
  realisedVolKind,
} from "./realised_vol_config.ts";

export { type RealisedVolConfig, realisedVolConfig } from "./realised_vol_config.ts";

interface Fitted {
  mean: number;
}

class RealisedVol implements Restorable<Fitted> {
  #fitted: Fitted | null = null;

  constructor(private readonly config: RealisedVolConfig) {}

  fit(fold: Fold) {
    return Promise.try(() => {
      const returns = returnsOf(fold, trainingRows(fold, this.config.fitOn), "realised-vol");
      const mean = this.config.mean === "zero"
        ? 0
        : returns.reduce((a, b) => a + b, 0) / returns.length;
      this.#fitted = { mean };
      return summaryReport({ mean, window: this.config.window, rows: returns.length });
    });
  }

  predict(fold: Fold, split: SplitName) {
    return Promise.try(() => {
      const { mean } = requireFitted(this.#fitted, "realised-vol");
      const origins = fold.splits[split];
      const { horizon } = fold;
      const point = new Float32Array(origins.length * horizon).fill(mean);
      const variance = new Float32Array(origins.length * horizon);
      origins.forEach((origin, i) => {
        const first = Math.max(0, origin - this.config.window + 1);
        const returns = returnsOf(fold, { first, last: origin }, "realised-vol");
        const value = returns.reduce((s, r) => s + r * r, 0) / returns.length;
        if (!(value > 0)) {
          throw new Error(
            `realised-vol: fold ${fold.id} ${split} origin ${fold.dates[origin]}: the last ` +
              `${returns.length} returns are all zero, so no variance can be forecast; widen window`,
          );
        }
        variance.fill(value, i * horizon, (i + 1) * horizon);
      });
      return { split, origins, horizon, point, variance };
    });
  }

  save() {
    return saveState("realised-vol", requireFitted(this.#fitted, "realised-vol"));
  }

  restore(fitted: Fitted) {
    this.#fitted = fitted;
  }
}

export const realisedVolSpec: ModelSpec<RealisedVolConfig> = {
  ...realisedVolKind,
  schema: realisedVolConfig,
  create: (config) => new RealisedVol(config),
  load: loadWith("realised-vol", (config) => new RealisedVol(config)),
};
