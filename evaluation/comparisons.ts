/**
 * Diebold–Mariano comparisons of a model with others, at every forecast step, pooled over
 * folds:
 *
 * - against the always-long call rule (up on every row) with directional loss (1 for a wrong
 *   direction call), from the realised returns on the model's own rows, so it needs no
 *   always-long model; every model but the benchmark gets it (the headline's "DM p");
 * - against each model the evaluate node's `comparisons` name (a label or kind; the first
 *   such model other than the one compared), on the rows both forecast, with each named loss.
 *   The benchmark leads that list unless it is named already (`benchmark.ts`).
 *
 * A negative statistic means the model's loss is lower than the other's.
 */
import { comparisonsOf, isBenchmark, namesModel } from "./benchmark.ts";
import type { ModelRun } from "./model_runs.ts";
import { directionHits, upMoves } from "./direction.ts";
import { squaredErrors } from "./point_errors.ts";
import { alignRows, type RowsOf, type RunRows, runRows } from "./run_rows.ts";
import type { EvaluationSettings } from "./settings.ts";
import { type DieboldMariano, dieboldMariano } from "./stats/diebold_mariano.ts";

export type LossName = "directional" | "squared";

/** One model to compare every model with, named by label or kind, and the losses to test. */
export interface Comparison {
  against: string;
  losses: LossName[];
}

/** How the comparisons name the always-long call rule (up on every row). */
export const ALWAYS_UP_CALLS = "always-long";

export interface DmComparison extends DieboldMariano {
  against: string;
  loss: LossName;
  step: number;
}

const misses = (hits: Uint8Array) => Float64Array.from(hits, (h) => 1 - h);
const pick = (values: Float64Array, rows: number[]) => rows.map((i) => values[i]);

function lossOf(rows: RunRows["pooled"], loss: LossName): Float64Array {
  return loss === "squared"
    ? squaredErrors(rows.point, rows.actual)
    : misses(directionHits(rows.point, rows.actual));
}

function against(
  label: string,
  ours: RunRows,
  theirs: RunRows,
  loss: LossName,
  step: number,
): DmComparison {
  const [mine, other] = alignRows(ours, theirs);
  return {
    against: label,
    loss,
    step,
    ...dieboldMariano({
      lossModel: pick(lossOf(ours.pooled, loss), mine),
      lossBenchmark: pick(lossOf(theirs.pooled, loss), other),
      horizon: step,
    }),
  };
}

export interface ComparisonOptions {
  horizon: number;
  settings: Pick<EvaluationSettings, "benchmark" | "comparisons">;
  rowsOf?: RowsOf;
}

export function dieboldMarianoComparisons(
  run: ModelRun,
  all: ModelRun[],
  { horizon, settings, rowsOf = runRows }: ComparisonOptions,
): DmComparison[] {
  const others = comparisonsOf(settings).flatMap(({ against: name, losses }) => {
    // A label names one run; a kind the first run of that kind (never the model itself).
    const other = all.find((r) => r.label === name && r.label !== run.label) ??
      all.find((r) => namesModel(name, r) && r.label !== run.label);
    return other ? [{ other, losses }] : [];
  });
  const results: DmComparison[] = [];
  for (let step = 1; step <= horizon; step++) {
    const ours = rowsOf(run, step);
    if (!isBenchmark(settings, run)) {
      results.push({
        against: ALWAYS_UP_CALLS,
        loss: "directional",
        step,
        ...dieboldMariano({
          lossModel: lossOf(ours.pooled, "directional"),
          lossBenchmark: misses(upMoves(ours.pooled.actual)),
          horizon: step,
        }),
      });
    }
    for (const { other, losses } of others) {
      const theirs = rowsOf(other, step);
      for (const loss of losses) results.push(against(other.label, ours, theirs, loss, step));
    }
  }
  return results;
}
