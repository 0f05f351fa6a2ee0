/**
 * The horizon-averaged signal of a multi-horizon forecast: at each origin, the mean of the
 * H point forecasts, read as the call for the next bar (step 1) and scored on the step-1
 * rows, beside always-long on the same rows. A model whose step-1 output is noise but whose
 * path forecast leans one way shows it here; the reference study scored its multi-horizon
 * runs this way, beside per step and at step 1 (`byStep`).
 */
import { type GroupScore, scoreGroup } from "./group_score.ts";
import type { ModelRun } from "./model_runs.ts";
import type { RowsOf, RunRows } from "./run_rows.ts";
import type { StepRows } from "./scored_rows.ts";
import type { EvaluationSettings } from "./settings.ts";

/** Step-1 rows whose point forecast is the mean of the forecasts of steps 1..horizon. */
export function averagedRows(byStep: readonly StepRows[]): StepRows {
  if (byStep.length === 0) throw new Error("averagedRows: no forecast steps");
  const first = byStep[0];
  const n = first.actual.length;
  const point = new Float64Array(n);
  for (const rows of byStep) {
    if (rows.actual.length !== n || rows.dates[0] !== first.dates[0]) {
      throw new Error("averagedRows: the steps' rows do not line up (same origins expected)");
    }
    for (let i = 0; i < n; i++) point[i] += rows.point[i] / byStep.length;
  }
  return {
    dates: first.dates,
    regime: first.regime,
    actual: first.actual,
    point,
    quantiles: null,
  };
}

/** A run's step-1 rows with the horizon-averaged signal as the point forecast. */
export function horizonAveragedRows(run: ModelRun, horizon: number, rowsOf: RowsOf): RunRows {
  const steps = Array.from({ length: horizon }, (_, h) => rowsOf(run, h + 1));
  const first = steps[0];
  return {
    byFold: first.byFold.map((_, k) => averagedRows(steps.map((s) => s.byFold[k]))),
    pooled: averagedRows(steps.map((s) => s.pooled)),
    strata: first.strata,
    keys: first.keys,
  };
}

/**
 * The horizon-averaged call scored on the pooled step-1 rows (bootstrap strata per fold,
 * its own resampling stream); null for one-step forecasts.
 */
export function horizonAveragedScore(
  run: ModelRun,
  context: { horizon: number; settings: EvaluationSettings; rowsOf: RowsOf; strata: number[][] },
): GroupScore | null {
  const { horizon, settings, rowsOf, strata } = context;
  if (horizon < 2) return null;
  return scoreGroup({
    group: `mean of steps 1–${horizon}`,
    rows: horizonAveragedRows(run, horizon, rowsOf).pooled,
    strata,
    step: 1,
    settings,
    seedKey: "horizon-averaged",
  });
}
