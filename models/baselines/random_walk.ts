/**
 * Random walk: the price's best forecast is today's price, so every return forecast is zero.
 * A zero forecast has no direction; evaluation counts a forecast > 0 as "up" and ≤ 0 as
 * "down", so this model's directional accuracy is the share of down (or flat) bars.
 */
import type { Fold, ForecastModel, ModelSpec, SplitName } from "../contract.ts";
import { pointForecast, summaryReport } from "./forecast.ts";
import { type RandomWalkConfig, randomWalkConfig, randomWalkKind } from "./random_walk_config.ts";

export { type RandomWalkConfig, randomWalkConfig } from "./random_walk_config.ts";

class RandomWalk implements ForecastModel {
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
}

export const randomWalkSpec: ModelSpec<RandomWalkConfig> = {
  ...randomWalkKind,
  schema: randomWalkConfig,
  create: () => new RandomWalk(),
};
