/**
 * Diebold–Mariano comparisons of a model with the benchmarks, at every forecast step,
 * pooled over folds:
 *
 * - against always-long with directional loss (1 for a wrong direction call), where
 *   always-long's calls come from the realised returns on the same rows, so it needs no
 *   always-long model; with squared error too when an `always-long` model is present;
 * - against ARIMAX (the first `arimax` model present), on the rows both forecast, with
 *   directional and squared-error loss.
 *
 * A negative statistic means the model's loss is lower than the benchmark's.
 */
import { isBenchmark } from "./benchmark.ts";
import type { ModelRun } from "./model_runs.ts";
import { directionHits, upMoves } from "./direction.ts";
import { squaredErrors } from "./point_errors.ts";
import { alignRows, type RowsOf, type RunRows, runRows } from "./run_rows.ts";
import { type DieboldMariano, dieboldMariano } from "./stats/diebold_mariano.ts";

export type LossName = "directional" | "squared";

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

export function dieboldMarianoComparisons(
  run: ModelRun,
  all: ModelRun[],
  horizon: number,
  rowsOf: RowsOf = runRows,
): DmComparison[] {
  const alwaysLong = all.find((r) => r.model === "always-long" && r.label !== run.label);
  const arimax = all.find((r) => r.model === "arimax" && r.label !== run.label);
  const results: DmComparison[] = [];
  for (let step = 1; step <= horizon; step++) {
    const ours = rowsOf(run, step);
    if (!isBenchmark(run)) {
      results.push({
        against: "always-long",
        loss: "directional",
        step,
        ...dieboldMariano({
          lossModel: lossOf(ours.pooled, "directional"),
          lossBenchmark: misses(upMoves(ours.pooled.actual)),
          horizon: step,
        }),
      });
    }
    if (alwaysLong) {
      results.push(against("always-long", ours, rowsOf(alwaysLong, step), "squared", step));
    }
    if (arimax) {
      const theirs = rowsOf(arimax, step);
      results.push(against(arimax.label, ours, theirs, "directional", step));
      results.push(against(arimax.label, ours, theirs, "squared", step));
    }
  }
  return results;
}
