/**
 * Scores of a model's pooled rows grouped by a key (calendar year, regime). A group whose
 * rows are exactly one fold's test rows reuses that fold's score, so a calendar year that
 * is a fold shows the same numbers and intervals in both tables.
 */
import type { FoldScore } from "./evaluation.ts";
import type { GroupScore } from "./group_score.ts";
import { selectRows, type StepRows } from "./scored_rows.ts";

export interface BreakdownOptions {
  rows: StepRows;
  keyOf: (row: number) => string;
  score: (group: string, subset: StepRows) => GroupScore;
  /** Row indices of each fold within `rows`, and the folds' scores in the same order. */
  strata: number[][];
  folds: FoldScore[];
}

const sameRows = (a: number[], b: number[]) =>
  a.length === b.length && a.every((value, i) => value === b[i]);

/** Groups in sorted key order. */
export function breakdown(options: BreakdownOptions): GroupScore[] {
  const { rows, keyOf, score, strata, folds } = options;
  const groups = new Map<string, number[]>();
  for (let i = 0; i < rows.dates.length; i++) {
    const key = keyOf(i);
    const members = groups.get(key) ?? [];
    members.push(i);
    groups.set(key, members);
  }
  return [...groups.keys()].sort().map((key) => {
    const members = groups.get(key)!;
    const fold = strata.findIndex((stratum) => sameRows(stratum, members));
    if (fold < 0) return score(key, selectRows(rows, members));
    const { foldId: _id, testYear: _year, firstDate: _first, lastDate: _last, ...shared } =
      folds[fold];
    return { ...shared, group: key };
  });
}
