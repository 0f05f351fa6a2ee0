/**
 * The horizon-averaged signal of a multi-horizon forecast: at each origin, the mean of the
 * H point forecasts, read as the call for the next bar (step 1) and scored on the step-1
 * rows, beside always-long on the same rows. A model whose step-1 output is noise but whose
 * path forecast leans one way shows it here; the reference study scored its multi-horizon
 * runs this way, beside per step and at step 1 (`byStep`).
 */
import type { ModelRun } from "./model_runs.ts";
import type { RowsOf, RunRows } from "./run_rows.ts";
import type { StepRows } from "./scored_rows.ts";

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
