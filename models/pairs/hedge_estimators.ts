/**
 * The hedge-ratio estimators of the pairs study by name, each giving β_t for every row of a
 * pair's log prices. Only `full-sample` uses rows after t (one OLS fit on the whole series, as
 * first shown in the source); the others read rows 0 … t only (`hedge_ratio.ts`).
 */
import { expandingBeta, fullSampleBeta, kalmanBeta, rollingBeta } from "./hedge_ratio.ts";

export const HEDGE_ESTIMATORS = ["full-sample", "expanding", "rolling", "kalman"] as const;
export type HedgeEstimator = typeof HEDGE_ESTIMATORS[number];

/** What each estimator leaks, for the report (empty when it uses no data after t). */
export const HEDGE_DEPARTURES: Record<HedgeEstimator, string[]> = {
  "full-sample": [
    "full-sample hedge ratio: one OLS β fitted on every day, test days included, so each " +
    "day's spread uses later prices (as first shown in the source)",
  ],
  expanding: [],
  rolling: [],
  kalman: [],
};

export interface HedgeOptions {
  /** Rows before the expanding OLS gives a β. */
  minRows: number;
  /** Window of the rolling OLS, in rows. */
  window: number;
  /** Kalman state drift δ and observation variance V_e. */
  delta: number;
  observationVariance: number;
}

/** β_t of y on x (log prices) by the named estimator; NaN where none exists yet. */
export function hedgeSeries(
  estimator: HedgeEstimator,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: HedgeOptions,
): Float64Array {
  switch (estimator) {
    case "full-sample":
      return fullSampleBeta(x, y);
    case "expanding":
      return expandingBeta(x, y, options.minRows);
    case "rolling":
      return rollingBeta(x, y, options.window);
    case "kalman":
      // The posterior at t has seen y_t, which is known at the close of t when positions are set.
      return kalmanBeta(x, y, {
        delta: options.delta,
        observationVariance: options.observationVariance,
      }).posterior.beta;
  }
}
