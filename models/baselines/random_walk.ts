/**
 * Random walk: the price's best forecast is today's price, so every return forecast is zero.
 * A zero forecast has no direction; evaluation counts a forecast > 0 as "up" and ≤ 0 as
 * "down", so this model's directional accuracy is the share of down (or flat) bars.
 */
import type { Fold, ModelSpec, SplitName } from "../contract.ts";
import { pointForecast, summaryReport } from "./forecast.ts";
import { loadWith, type Restorable, saveState } from "./saved_state.ts";
import { type RandomWalkConfig, randomWalkConfig, randomWalkKind } from "./random_walk_config.ts";

export { type RandomWalkConfig, randomWalkConfig } from "./random_walk_config.ts";

/** Nothing is fitted: the saved state is empty. */
class RandomWalk implements Restorable<Record<string, never>> {
  fit() {
    return Promise.try(() => {
      return summaryReport({});
    });
  }

  predict(fold: Fold, split: SplitName) {
    return Promise.try(() => {
      return pointForecast(fold, split, () => 0);
    });
  }

  save() {
    return saveState("random-walk", {});
  }

  restore() {}
}

export const randomWalkSpec: ModelSpec<RandomWalkConfig> = {
  ...randomWalkKind,
  schema: randomWalkConfig,
  create: () => new RandomWalk(),
  load: loadWith("random-walk", () => new RandomWalk()),
};
