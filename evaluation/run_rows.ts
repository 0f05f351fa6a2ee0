/** A model run's test rows for one forecast step: per fold, and pooled over folds in time order. */
import type { ModelRun } from "./model_runs.ts";
import { concatRows, type StepRows, stepRows } from "./scored_rows.ts";

export interface RunRows {
  byFold: StepRows[];
  pooled: StepRows;
  /** Row indices of each fold within `pooled` (bootstrap strata). */
  strata: number[][];
  /** `${foldId}|${date}` of each pooled row, to align two models' rows. */
  keys: string[];
}

export function runRows(run: ModelRun, step: number): RunRows {
  const byFold = run.folds.map(({ fit }) => stepRows(fit.test, step));
  const strata: number[][] = [];
  let offset = 0;
  for (const rows of byFold) {
    strata.push(Array.from({ length: rows.dates.length }, (_, i) => offset + i));
    offset += rows.dates.length;
  }
  const keys = run.folds.flatMap(({ fit }, k) =>
    byFold[k].dates.map((date) => `${fit.foldId}|${date}`)
  );
  return { byFold, pooled: concatRows(byFold), strata, keys };
}

/** How the evaluation gets a run's rows at a step: `runRows`, or `cachedRunRows()`. */
export type RowsOf = (run: ModelRun, step: number) => RunRows;

/** A `RowsOf` that caches `runRows` (the rows are read, never written, by their users). */
export function cachedRunRows(): RowsOf {
  const cache = new Map<ModelRun, Map<number, RunRows>>();
  return (run, step) => {
    const byStep = cache.get(run) ?? new Map<number, RunRows>();
    cache.set(run, byStep);
    let rows = byStep.get(step);
    if (!rows) {
      rows = runRows(run, step);
      byStep.set(step, rows);
    }
    return rows;
  };
}

/** Indices of rows present in both runs (same fold and date), as [ours, theirs]. */
export function alignRows(ours: RunRows, theirs: RunRows): [number[], number[]] {
  const index = new Map(theirs.keys.map((key, i) => [key, i]));
  const mine: number[] = [];
  const other: number[] = [];
  ours.keys.forEach((key, i) => {
    const j = index.get(key);
    if (j !== undefined) {
      mine.push(i);
      other.push(j);
    }
  });
  return [mine, other];
}
