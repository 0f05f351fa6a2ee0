/**
 * What a fold is called in tables, charts and prose: its test year (rolling yearly folds), or
 * else its test window ("2010-01 → 2010-06"), which says more than a long walk-forward fold
 * id and fits a table column. Labels are unique within a study: months first, full dates when
 * two windows share their months, the fold id as the last resort.
 */

export interface FoldWindow {
  foldId: string;
  testYear: number | null;
  /** First and last forecast timestamp of the test rows ("" when the fold scored none). */
  firstDate: string;
  lastDate: string;
}

function span(first: string, last: string): string {
  return first === last ? first : `${first} → ${last}`;
}

function allUnique(labels: string[]): boolean {
  return new Set(labels).size === labels.length;
}

/** Label of every fold, by fold id. */
export function foldLabels(folds: FoldWindow[]): Map<string, string> {
  const years = folds.map((f) => (f.testYear === null ? null : String(f.testYear)));
  const windowed = (format: (f: FoldWindow) => string) =>
    folds.map((f, k) => years[k] ?? (f.firstDate && f.lastDate ? format(f) : f.foldId));
  const candidates = [
    windowed((f) => span(f.firstDate.slice(0, 7), f.lastDate.slice(0, 7))),
    windowed((f) => span(f.firstDate, f.lastDate)),
  ];
  const labels = candidates.find(allUnique) ?? folds.map((f) => f.foldId);
  return new Map(folds.map((f, k) => [f.foldId, labels[k]]));
}

/** True when every fold tests one calendar year, so folds are named by it. */
export function foldsAreYears(folds: Array<{ testYear: number | null }>): boolean {
  return folds.length > 0 && folds.every((f) => f.testYear !== null);
}

/** Heading of a column or axis of folds: "test year", or "test window" for walk-forward folds. */
export function foldColumnTitle(folds: Array<{ testYear: number | null }>): string {
  return foldsAreYears(folds) ? "test year" : "test window";
}
