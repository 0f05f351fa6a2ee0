/**
 * Momentum: the forecast for every step is the mean return of the last `lookback` bars up to
 * and including the origin (lookback 1: last period's return, so its sign is last period's
 * sign). A zero last return gives a zero forecast, which evaluation counts as "down"
 * (forecast > 0 is "up", ≤ 0 is "down"). Nothing is fitted.
 */
import type { Fold, ModelSpec, SplitName } from "../contract.ts";
import { pointForecast, summaryReport } from "./forecast.ts";
import { loadWith, type Restorable, saveState } from "./saved_state.ts";
import { type MomentumConfig, momentumConfig, momentumKind } from "./momentum_config.ts";

export { type MomentumConfig, momentumConfig } from "./momentum_config.ts";

/** Nothing is fitted: the saved state is empty (the lookback is config). */
class Momentum implements Restorable<Record<string, never>> {
  constructor(private readonly config: MomentumConfig) {}

  fit() {
    return Promise.try(() => {
      return summaryReport({ lookback: this.config.lookback });
    });
  }

  predict(fold: Fold, split: SplitName) {
    return Promise.try(() => {
      const { lookback } = this.config;
      return pointForecast(fold, split, (origin) => {
        if (origin - lookback + 1 < 0) {
          throw new Error(
            `momentum: fold ${fold.id} ${split} origin row ${origin} (${fold.dates[origin]}) ` +
              `has fewer than lookback=${lookback} rows of returns; lower config.lookback`,
          );
        }
        let sum = 0;
        for (let t = origin - lookback + 1; t <= origin; t++) {
          const value = fold.target[t];
          if (!Number.isFinite(value)) {
            throw new Error(
              `momentum: fold ${fold.id} target row ${t} (${fold.dates[t]}) is ${value}; ` +
                `the lookback rows of each origin must hold returns`,
            );
          }
          sum += value;
        }
        return sum / lookback;
      });
    });
  }

  save() {
    return saveState("momentum", {});
  }

  restore() {}
}

export const momentumSpec: ModelSpec<MomentumConfig> = {
  ...momentumKind,
  schema: momentumConfig,
  create: (config) => new Momentum(config),
  load: loadWith("momentum", (config) => new Momentum(config)),
};
