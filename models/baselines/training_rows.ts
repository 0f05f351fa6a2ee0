/**
 * Which rows of a fold a baseline learns from, shared by every baseline so they all see the
 * same history. Series models (naive, ARIMAX, GARCH) read the returns on a contiguous row
 * range; window models (ridge, trees) read the windows at the fitted splits' origins.
 */
import type { Fold, SplitName } from "../contract.ts";
import type { FitOn } from "./fit_on.ts";

export { type FitOn, fitOnSchema } from "./fit_on.ts";

export function fittedSplits(fitOn: FitOn): SplitName[] {
  return fitOn === "train" ? ["train"] : ["train", "validation"];
}

/** Inclusive row range. */
export interface RowRange {
  first: number;
  last: number;
}

/**
 * The training window of a series model: from the first encoder row of the first train origin
 * to the last target row of the last fitted origin, i.e. exactly the rows window models see.
 */
export function trainingRows(fold: Fold, fitOn: FitOn): RowRange {
  const train = fold.splits.train;
  if (train.length === 0) {
    throw new Error(`fold ${fold.id}: the train split has no origins; nothing to fit on`);
  }
  let lastOrigin = -1;
  for (const split of fittedSplits(fitOn)) {
    for (const origin of fold.splits[split]) lastOrigin = Math.max(lastOrigin, origin);
  }
  const first = Math.max(0, Math.min(...train) - fold.encoderLength + 1);
  const last = Math.min(fold.target.length - 1, lastOrigin + fold.horizon);
  return { first, last };
}

/** Copies `fold.target[first..last]` as float64, refusing missing returns by row and date. */
export function returnsOf(fold: Fold, rows: RowRange, model: string): Float64Array {
  const out = new Float64Array(rows.last - rows.first + 1);
  for (let t = rows.first; t <= rows.last; t++) {
    const value = fold.target[t];
    if (!Number.isFinite(value)) {
      throw new Error(
        `${model}: fold ${fold.id} target row ${t} (${fold.dates[t]}) is ${value}; ` +
          `the rows a series model reads must all hold returns (check the feature stage)`,
      );
    }
    out[t - rows.first] = value;
  }
  return out;
}
