/**
 * The direction breakdown tables (per fold, year, regime, forecast step) as rows of text,
 * shared by `index.html` and `summary.md`: each group's always-long accuracy and, per
 * forecaster, its accuracy and paired excess over always-long, every one with its interval.
 */
import { forecasters } from "../evaluation/benchmark.ts";
import type { EvaluationMetrics, ModelEvaluation } from "../evaluation/evaluation.ts";
import {
  type Estimate,
  formatPercent,
  formatPercentInterval,
  formatPoints,
  formatPointsInterval,
  MISSING,
} from "./format.ts";
import type { GroupScore } from "../evaluation/group_score.ts";
import type { BootstrapInterval } from "../evaluation/stats/bootstrap.ts";

export type GroupsOf = (model: ModelEvaluation) => GroupScore[];

export const byFold: GroupsOf = (m) => [...m.folds, { ...m.pooled, group: "pooled" }];
export const byYear: GroupsOf = (m) => m.byYear;
export const byRegime: GroupsOf = (m) => m.byRegime;
/** Per step, then the horizon-averaged signal when there is one. */
export const byStep: GroupsOf = (m) =>
  m.horizonAveraged ? [...m.byStep, m.horizonAveraged] : m.byStep;

export interface BreakdownCell {
  score: GroupScore;
  /** Accuracy, with the row count when it differs from always-long's column. */
  da: Estimate;
  /** Excess over always-long in percentage points: "−2.1" and "[−5.3, +1.3]". */
  excess: Estimate;
}

export interface BreakdownRow {
  group: string;
  rows: string;
  alwaysLong: Estimate;
  cells: Array<BreakdownCell | null>;
}

function accuracy(value: number | null, ci: BootstrapInterval | null): Estimate {
  return { value: formatPercent(value), detail: formatPercentInterval(ci) };
}

/** Excess over always-long in percentage points, without the unit. */
export function excessEstimate(
  score: { excess: number | null; excessCi: BootstrapInterval | null },
): Estimate {
  const strip = (text: string) => text.replace(" pp", "");
  return {
    value: strip(formatPoints(score.excess)),
    detail: strip(formatPointsInterval(score.excessCi)),
  };
}

export interface BreakdownTable {
  models: ModelEvaluation[];
  header: string[];
  rows: BreakdownRow[];
}

/** The forecasters (every model but always-long), or all models when there are none. */
function tableModels(metrics: EvaluationMetrics): ModelEvaluation[] {
  const models = forecasters(metrics);
  return models.length ? models : metrics.models;
}

export function breakdownTable(
  metrics: EvaluationMetrics,
  groupsOf: GroupsOf,
  firstColumn: string,
): BreakdownTable {
  const models = tableModels(metrics);
  const groups = [...new Set(metrics.models.flatMap((m) => groupsOf(m).map((g) => g.group)))];
  const find = (m: ModelEvaluation, group: string) => groupsOf(m).find((g) => g.group === group);
  const rows = groups.map((group): BreakdownRow => {
    // Always-long's column: the base rate on the rows of the first model scored here.
    const base = metrics.models.map((m) => find(m, group)).find((g) => g !== undefined);
    return {
      group,
      rows: String(base?.n ?? MISSING),
      alwaysLong: base
        ? accuracy(base.baseRate, base.baseRateCi)
        : { value: MISSING, detail: MISSING },
      cells: models.map((m) => {
        const score = find(m, group);
        if (!score) return null;
        const da = accuracy(score.da, score.daCi);
        const rowNote = base && score.n !== base.n ? ` (${score.n} rows)` : "";
        return { score, da: { ...da, value: da.value + rowNote }, excess: excessEstimate(score) };
      }),
    };
  });
  return {
    models,
    header: [
      firstColumn,
      "rows",
      "always-long [CI]",
      ...models.flatMap((m) => [`${m.label} DA [CI]`, `${m.label} excess [CI], pp`]),
    ],
    rows,
  };
}

/**
 * True when every calendar year is exactly one fold's test rows (rolling yearly folds),
 * so the by-year table would repeat the per-fold table.
 */
export function yearsAreFolds(metrics: EvaluationMetrics): boolean {
  return metrics.models.every((m) =>
    m.byYear.length === m.folds.length &&
    m.byYear.every((year, k) => {
      const fold = m.folds[k];
      // Evaluation reuses a fold's score for a year with exactly its rows.
      return year.group === String(fold.testYear) && year.n === fold.n &&
        year.da === fold.da && year.excessCi?.low === fold.excessCi?.low &&
        year.excessCi?.high === fold.excessCi?.high;
    })
  );
}
