/** Tables of direction against always-long: headline, per fold, and breakdowns. */
import type { EvaluationMetrics, ModelEvaluation } from "../evaluation.ts";
import { formatPercent, MISSING } from "../format.ts";
import type { GroupScore } from "../group_score.ts";
import { excessWithInterval, HEADLINE_COLUMNS, headlineRows } from "../headline.ts";
import { verdictOf } from "../conclusion.ts";
import { type Cell, htmlTable } from "./table.ts";

export function headlineTable(metrics: EvaluationMetrics): string {
  const rows = headlineRows(metrics);
  return htmlTable({
    header: HEADLINE_COLUMNS.map(([, name]) => name),
    rows: rows.map((row, i) => {
      const model = metrics.models[i];
      const verdict = model.model === "always-long" ? null : verdictOf(model);
      const flag = verdict === "beats" ? "good" : verdict === "loses" ? "bad" : undefined;
      return HEADLINE_COLUMNS.map(([key]): Cell =>
        key === "excess" && flag ? { text: row[key], flag } : row[key]
      );
    }),
    caption: "DA: directional accuracy, step 1. Excess and CI: pooled over folds, paired with " +
      "always-long on the same rows. DM: Diebold–Mariano (directional loss), PT: " +
      "Pesaran–Timmermann.",
  });
}

function excessCell(score: GroupScore | undefined): Cell {
  if (!score) return MISSING;
  const text = excessWithInterval(score);
  if (score.excessCi && score.excessCi.low > 0) return { text, flag: "good" };
  if (score.excessCi && score.excessCi.high < 0) return { text, flag: "bad" };
  return text;
}

function daCell(score: GroupScore | undefined): Cell {
  if (!score) return MISSING;
  const text = formatPercent(score.da);
  return score.standsOut
    ? { text: `${text} ⚠`, flag: "bad", title: "below 50% or significantly below always-long" }
    : text;
}

/** Rows = groups (folds, years, regimes, steps); per forecaster: DA and excess [CI]. */
function groupTable(
  metrics: EvaluationMetrics,
  groupsOf: (m: ModelEvaluation) => GroupScore[],
  firstColumn: string,
  caption: string,
): string {
  const forecasters = metrics.models.filter((m) => m.model !== "always-long");
  const models = forecasters.length ? forecasters : metrics.models;
  const groups = [...new Set(metrics.models.flatMap((m) => groupsOf(m).map((g) => g.group)))];
  const find = (m: ModelEvaluation, group: string) => groupsOf(m).find((g) => g.group === group);
  const rows = groups.map((group): Cell[] => {
    const base = metrics.models.map((m) => find(m, group)).find((g) => g !== undefined);
    return [
      group,
      String(base?.n ?? MISSING),
      formatPercent(base?.baseRate),
      ...models.flatMap((m) => [daCell(find(m, group)), excessCell(find(m, group))]),
    ];
  });
  return htmlTable({
    header: [
      firstColumn,
      "rows",
      "always-long",
      ...models.flatMap((m) => [`${m.label} DA`, `${m.label} excess [CI], pp`]),
    ],
    rows,
    caption,
  });
}

export function foldTable(metrics: EvaluationMetrics): string {
  return groupTable(
    metrics,
    (m) => [...m.folds, { ...m.pooled, group: "pooled" }],
    "test year",
    "Per fold and pooled. ⚠: accuracy below 50% or excess interval entirely below zero.",
  );
}

export function yearTable(metrics: EvaluationMetrics): string {
  return groupTable(
    metrics,
    (m) => m.byYear,
    "year",
    "By calendar year of the forecast timestamp.",
  );
}

export function regimeTable(metrics: EvaluationMetrics): string {
  return groupTable(
    metrics,
    (m) => m.byRegime,
    "regime",
    "By regime at the forecast origin (pooled over folds).",
  );
}

export function stepTable(metrics: EvaluationMetrics): string {
  return groupTable(
    metrics,
    (m) => m.byStep,
    "forecast step",
    "By forecast step, pooled over folds (steps beyond 1 overlap in time; the bootstrap " +
      "blocks are at least as long as the step).",
  );
}
