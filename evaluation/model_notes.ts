/**
 * Caveats the models attach to their fits (`FitReport.notes`, e.g. "flattening loses
 * temporal structure" from the tabular baselines). Read from the fits, so evaluation needs no
 * knowledge of any model kind; `reports/model_notes.ts` prints them beside the results.
 */
import type { ModelRun } from "./model_runs.ts";

/** A run's notes over all its folds, each once, in order of first appearance. */
export function modelNotes(run: ModelRun): string[] {
  return [...new Set(run.folds.flatMap(({ fit }) => fit.fit.notes ?? []))];
}
