/**
 * The training view of a fold: its rows up to the last target a fit reads (the last train or
 * validation origin plus the horizon), with no test origins. A `trainModel` node reads this
 * view instead of the fold, so its key does not change when only test-period rows do: a new
 * revision of the test year re-predicts (`predictModel`) without refitting on byte-identical
 * training rows.
 */
import { z } from "zod";
import { defineTask } from "../engine/task.ts";
import type { Fold, Matrix } from "../models/contract.ts";

const firstRows = (matrix: Matrix, rows: number): Matrix => ({
  rows,
  cols: matrix.cols,
  values: matrix.values.slice(0, rows * matrix.cols),
});

/** `fold` cut after its last fitted target row, test split empty; everything else as is. */
export function trainingViewOf(fold: Fold): Fold {
  const fitted = [...fold.splits.train, ...fold.splits.validation];
  if (fitted.length === 0) throw new Error(`fold ${fold.id} has no train or validation origins`);
  const rows = Math.max(...fitted) + fold.horizon + 1;
  return {
    ...fold,
    dates: fold.dates.slice(0, rows),
    target: fold.target.slice(0, rows),
    past: firstRows(fold.past, rows),
    known: firstRows(fold.known, rows),
    static: firstRows(fold.static, rows),
    regime: fold.regime.slice(0, rows),
    splits: { ...fold.splits, test: new Int32Array(0) },
  };
}

export const trainingView = defineTask({
  name: "split.training-view",
  kind: "split",
  module: import.meta.url,
  params: z.object({}).strict(),
  inputs: { fold: "required" },
  run: ({ fold }: { fold: Fold }, _params, ctx) => {
    if (!fold || !fold.splits || !(fold.target instanceof Float32Array)) {
      throw new Error(`${ctx.nodeId}: input "fold" is not a Fold (connect it to a split node)`);
    }
    return trainingViewOf(fold);
  },
});
