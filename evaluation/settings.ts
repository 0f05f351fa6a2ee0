/** Settings of the evaluation stage (the `evaluate` node's parameters). */
import type { PublicationRule } from "../data/publication.ts";
import type { Comparison } from "./comparisons.ts";

export interface BacktestSettings {
  /** Cost per unit of position change, as a fraction of capital: 0.001 = 0.1% per trade. */
  costPerTrade: number;
  /** Forecasts above this (return units) go long; long/short shorts at or below −threshold. */
  threshold: number;
}

export interface EvaluationSettings {
  /** Coverage of the bootstrap intervals, e.g. 0.95. */
  ciLevel: number;
  bootstrapReps: number;
  /** Bootstrap block length in rows; null picks max(step, round(n^(1/3))). */
  blockLength: number | null;
  /** Seed of the bootstrap. */
  seed: number;
  backtest: BacktestSettings;
  /** The reference model (label or kind): shown beside the others, not judged as a forecaster. */
  benchmark: string;
  /** Models (label or kind) every model is Diebold–Mariano-tested against, and the losses. */
  comparisons: Comparison[];
  /**
   * Publication rule of each macro series the features used (FRED id → rule), copied from
   * the feature frame when the evaluate node is given its `features` input; absent otherwise.
   * For the record only: no metric reads it.
   */
  publication?: Record<string, PublicationRule>;
}

/** The futures study's fee: 0.23 per 10,000 of notional per trade. */
export const FUTURES_FEE_PER_TRADE = 0.23 / 10_000;

export const DEFAULT_SETTINGS: EvaluationSettings = {
  ciLevel: 0.95,
  bootstrapReps: 2000,
  blockLength: null,
  seed: 7,
  backtest: { costPerTrade: 0.001, threshold: 0 },
  benchmark: "always-long",
  // Always-long's direction calls are the always-long rule's, tested on every model already.
  comparisons: [
    { against: "always-long", losses: ["squared"] },
    { against: "arimax", losses: ["directional", "squared"] },
  ],
};
