/**
 * Groups gathered train results into one run per model label, each with its folds in
 * time order, after checking that they can be evaluated together (one frequency and
 * horizon, one result per label and fold, disjoint test periods).
 */
import type { Gathered } from "../engine/task.ts";
import type { Frequency, TrainResult } from "../models/contract.ts";
import { validateForecast } from "./scored_rows.ts";

export interface FoldRun {
  /** Gathered node id, for error messages. */
  nodeId: string;
  fit: TrainResult;
}

export interface ModelRun {
  label: string;
  model: string;
  folds: FoldRun[];
}

export interface ModelRuns {
  frequency: Frequency;
  horizon: number;
  /** In order of first appearance among the gathered results. */
  runs: ModelRun[];
}

const byTestYear = (a: FoldRun, b: FoldRun) =>
  (a.fit.testYear ?? Infinity) - (b.fit.testYear ?? Infinity) ||
  (a.fit.test.dates[0] ?? "").localeCompare(b.fit.test.dates[0] ?? "") ||
  a.fit.foldId.localeCompare(b.fit.foldId);

export function groupRuns(fits: Gathered<TrainResult>): ModelRuns {
  if (fits.length === 0) {
    throw new Error("evaluate: no train results were gathered; pass `fits: fit.gather()`");
  }
  const first = fits[0].value;
  const runs = new Map<string, ModelRun>();
  for (const { id, value: fit } of fits) {
    const where = `evaluate: train node ${id} (model ${fit.label}, fold ${fit.foldId})`;
    if (fit.frequency !== first.frequency || fit.horizon !== first.horizon) {
      throw new Error(
        `${where} is ${fit.frequency} with horizon ${fit.horizon}, but ${fits[0].id} is ` +
          `${first.frequency} with horizon ${first.horizon}; evaluate one experiment at a time`,
      );
    }
    validateForecast(fit.test, `${where}, test split`);
    if (fit.validation) validateForecast(fit.validation, `${where}, validation split`);
    const run = runs.get(fit.label) ?? { label: fit.label, model: fit.model, folds: [] };
    if (run.model !== fit.model) {
      throw new Error(
        `${where}: label ${fit.label} is used by models ${run.model} and ${fit.model}`,
      );
    }
    const twin = run.folds.find((f) => f.fit.foldId === fit.foldId);
    if (twin) {
      throw new Error(
        `${where}: nodes ${twin.nodeId} and ${id} both forecast fold ${fit.foldId} as ` +
          `${fit.label}; give each configuration its own model label`,
      );
    }
    run.folds.push({ nodeId: id, fit });
    runs.set(fit.label, run);
  }
  for (const run of runs.values()) {
    run.folds.sort(byTestYear);
    for (let k = 1; k < run.folds.length; k++) {
      const previous = run.folds[k - 1].fit.test.dates;
      const next = run.folds[k].fit.test.dates;
      if (previous.length && next.length && next[0] <= previous[previous.length - 1]) {
        throw new Error(
          `evaluate: model ${run.label}: the test periods of folds ${
            run.folds[k - 1].fit.foldId
          } and ${run.folds[k].fit.foldId} overlap (${next[0]}); pooled metrics and backtests ` +
            `need disjoint test periods`,
        );
      }
    }
  }
  return { frequency: first.frequency, horizon: first.horizon, runs: [...runs.values()] };
}
