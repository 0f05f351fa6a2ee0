/** Tables of direction against always-long: headline, per fold, and breakdowns. */
import {
  type BreakdownCell,
  breakdownTable,
  byFold,
  byRegime,
  byStep,
  byYear,
  type GroupsOf,
} from "../breakdown_rows.ts";
import { isBenchmark } from "../../evaluation/benchmark.ts";
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import { foldColumnTitle } from "../../evaluation/fold_labels.ts";
import { ciPercent, MISSING } from "../format.ts";
import { HEADLINE_COLUMNS, headlineEstimates } from "../headline.ts";
import { verdictOf } from "../conclusion.ts";
import { type Cell, estimateCell, htmlTable } from "./table.ts";

export function headlineTable(metrics: EvaluationMetrics): string {
  const rows = headlineEstimates(metrics);
  return htmlTable({
    header: HEADLINE_COLUMNS.map(([, name]) => name),
    rows: rows.map((row, i) => {
      const model = metrics.models[i];
      const verdict = isBenchmark(metrics.settings, model) ? null : verdictOf(model);
      const flag = verdict === "beats" ? "good" : verdict === "loses" ? "bad" : undefined;
      return HEADLINE_COLUMNS.map(([key]): Cell => {
        const cell = estimateCell(row[key]);
        if (key !== "excess" || !flag) return cell;
        return typeof cell === "string" ? { text: cell, flag } : { ...cell, flag };
      });
    }),
    caption:
      `DA: directional accuracy, step 1, with ${
        ciPercent(metrics)
      } bootstrap intervals. Excess: pooled over folds, paired with always-long on the same ` +
      "rows. DM: Diebold–Mariano (directional loss), PT: Pesaran–Timmermann. Up calls: " +
      "share of test rows the model called up (always-long: 100%).",
  });
}

function excessCell(cell: BreakdownCell | null): Cell {
  if (!cell) return MISSING;
  const ci = cell.score.excessCi;
  const flag = ci && ci.low > 0 ? "good" : ci && ci.high < 0 ? "bad" : undefined;
  return { text: cell.excess.value, detail: cell.excess.detail, flag };
}

function daCell(cell: BreakdownCell | null): Cell {
  if (!cell) return MISSING;
  return cell.score.standsOut
    ? {
      text: `${cell.da.value} ⚠`,
      detail: cell.da.detail,
      flag: "bad",
      title: "below 50% or significantly below always-long",
    }
    : estimateCell(cell.da);
}

/** Rows = groups (folds, years, regimes, steps); per forecaster: DA [CI] and excess [CI]. */
function groupTable(
  metrics: EvaluationMetrics,
  groupsOf: GroupsOf,
  firstColumn: string,
  caption: string,
): string {
  const table = breakdownTable(metrics, groupsOf, firstColumn);
  return htmlTable({
    header: table.header,
    rows: table.rows.map((row): Cell[] => [
      row.group,
      row.rows,
      estimateCell(row.alwaysLong),
      ...row.cells.flatMap((cell) => [daCell(cell), excessCell(cell)]),
    ]),
    caption,
  });
}

export function foldTable(metrics: EvaluationMetrics, yearsAreFolds: boolean): string {
  return groupTable(
    metrics,
    byFold,
    foldColumnTitle(metrics.folds),
    "Per fold and pooled, with bootstrap intervals (the pooled ones resample within each " +
      "fold). ⚠: accuracy below 50% or excess interval entirely below zero." +
      (yearsAreFolds ? " Each fold is one calendar year, so this is also the by-year table." : ""),
  );
}

export function yearTable(metrics: EvaluationMetrics): string {
  return groupTable(metrics, byYear, "year", "By calendar year of the forecast timestamp.");
}

export function regimeTable(metrics: EvaluationMetrics): string {
  return groupTable(
    metrics,
    byRegime,
    "regime",
    "By regime at the forecast origin (pooled over folds).",
  );
}

export function stepTable(metrics: EvaluationMetrics): string {
  return groupTable(
    metrics,
    byStep,
    "forecast step",
    "By forecast step, pooled over folds (steps beyond 1 overlap in time; the bootstrap " +
      "blocks are at least as long as the step).",
  );
}
