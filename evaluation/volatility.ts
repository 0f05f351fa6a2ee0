/**
 * Volatility forecasts: a model whose forecasts carry `variance` (GARCH's one-step variance
 * forecasts) is scored on its step-1 test rows pooled over folds, against the realised
 * squared deviation of the return from the point forecast, e² = (r − point)².
 *
 * QLIKE, log σ̂² + e²/σ̂², ranks variance forecasts consistently even though e² is a noisy
 * proxy of the true variance (Patton 2011). It is compared with the best constant forecast
 * in hindsight (σ̂² = mean e² over the same rows), so a time-varying forecast that does not
 * beat it has not forecast volatility.
 */
import type { ModelRun } from "./model_runs.ts";
import { pearson } from "./stats/correlation.ts";

export interface VolatilityScore {
  rows: number;
  /** √(mean σ̂²): the forecast volatility per bar. */
  forecastVol: number;
  /** √(mean e²): the realised volatility around the point forecast, per bar. */
  realisedVol: number;
  /** Pearson correlation of σ̂² with e² (null when either is constant). */
  correlation: number | null;
  /** Share of rows with |e| ≤ 1.96·σ̂ (0.95 for a calibrated forecast of Gaussian returns). */
  coverage95: number;
  /** Mean QLIKE loss of the forecasts (lower is better). */
  qlike: number;
  /** Mean QLIKE loss of the best constant variance in hindsight: log(mean e²) + 1. */
  qlikeConstant: number | null;
}

/**
 * The step-`step` variance forecast of every test row, folds in the run's order (the rows of
 * `runRows(run, step).pooled`); null when a fold's forecasts carry no variance.
 */
export function stepVariance(run: ModelRun, step: number): number[] | null {
  const values: number[] = [];
  for (const { nodeId, fit } of run.folds) {
    const { variance, origins, horizon, dates } = fit.test;
    if (!variance) return null;
    if (variance.length !== origins.length * horizon) {
      throw new Error(
        `evaluate: train node ${nodeId} (model ${run.label}): test variance has ` +
          `${variance.length} values but ${origins.length} origins × horizon ${horizon} need ` +
          `${origins.length * horizon}`,
      );
    }
    for (let i = 0; i < origins.length; i++) {
      const value = variance[i * horizon + step - 1];
      if (!(value > 0 && Number.isFinite(value))) {
        throw new Error(
          `evaluate: train node ${nodeId} (model ${run.label}): variance forecast is ${value} ` +
            `on test row ${i} (${dates[i]}), step ${step}; a variance must be positive`,
        );
      }
      values.push(value);
    }
  }
  return values;
}

/**
 * Scores of the step-1 variance forecasts (`variance`: `stepVariance(run, 1)`, passed in by
 * the caller that also keeps it); null for a model without them.
 */
export function volatilityScore(
  run: ModelRun,
  variance = stepVariance(run, 1),
): VolatilityScore | null {
  if (!variance || variance.length === 0) return null;
  const squared = run.folds.flatMap(({ fit }) =>
    Array.from(fit.test.origins, (_, i) => {
      const k = i * fit.test.horizon;
      return (fit.test.actual[k] - fit.test.point[k]) ** 2;
    })
  );
  const n = variance.length;
  let sumVariance = 0;
  let sumSquared = 0;
  let covered = 0;
  let qlike = 0;
  for (let i = 0; i < n; i++) {
    sumVariance += variance[i];
    sumSquared += squared[i];
    if (squared[i] <= 1.96 ** 2 * variance[i]) covered++;
    qlike += Math.log(variance[i]) + squared[i] / variance[i];
  }
  const meanSquared = sumSquared / n;
  return {
    rows: n,
    forecastVol: Math.sqrt(sumVariance / n),
    realisedVol: Math.sqrt(meanSquared),
    correlation: pearson(variance, squared)?.r ?? null,
    coverage95: covered / n,
    qlike: qlike / n,
    qlikeConstant: meanSquared > 0 ? Math.log(meanSquared) + 1 : null,
  };
}
