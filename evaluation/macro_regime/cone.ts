/**
 * The dashboard's latest forecast: every model's path over the next `horizon` days from the
 * last day of the score, and the ensemble's interval width split into its two parts (the
 * weighted models' σ and the capped disagreement, σ² = weighted² + disagreement²).
 */
import type { DailyScore } from "../../models/macro_regime/daily_score.ts";
import {
  ensembleForecast,
  momentumForecast,
  reversionForecast,
  type ScoreForecast,
} from "../../models/macro_regime/forecasters.ts";
import { fitTransitions, transitionForecast } from "../../models/macro_regime/transition.ts";

export interface ConePath {
  mean: number[];
  lower: number[];
  upper: number[];
}

export interface ForecastCone {
  origin: string;
  current: number;
  steps: number[];
  models: Record<"ensemble" | "reversion" | "momentum" | "transition", ConePath>;
  weightedStd: number[];
  disagreement: number[];
}

const path = (f: ScoreForecast): ConePath => ({
  mean: f.mean,
  lower: f.mean.map((m, i) => m - 1.96 * f.std[i]),
  upper: f.mean.map((m, i) => m + 1.96 * f.std[i]),
});

export function latestCone(series: DailyScore, horizon: number, weight: number): ForecastCone {
  let o = series.days.length - 1;
  while (o >= 0 && (Number.isNaN(series.score[o]) || Number.isNaN(series.fairValue[o]))) o--;
  let first = o;
  while (first > 0 && !Number.isNaN(series.score[first - 1])) first--;
  if (o - first + 1 < 30) {
    throw new RangeError(`forecast cone: fewer than 30 days of known ${series.timing} score`);
  }
  const history = series.score.subarray(first, o + 1);
  const reversion = reversionForecast(series.score[o], series.fairValue[o], horizon);
  const momentum = momentumForecast(history, horizon);
  const transition = transitionForecast(fitTransitions(history), series.score[o], horizon);
  const ensemble = ensembleForecast([
    { forecast: reversion, weight },
    { forecast: momentum, weight: 1 - weight },
  ]);
  return {
    origin: series.days[o],
    current: series.score[o],
    steps: Array.from({ length: horizon }, (_, i) => i + 1),
    models: {
      ensemble: { mean: ensemble.mean, lower: ensemble.lower, upper: ensemble.upper },
      reversion: path(reversion),
      momentum: path(momentum),
      transition: path(transition),
    },
    weightedStd: ensemble.std.map((s, i) => Math.sqrt(s * s - ensemble.disagreement[i] ** 2)),
    disagreement: ensemble.disagreement,
  };
}
