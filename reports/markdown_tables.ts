/** The tables of `summary.md`, built from the same rows as the page's. */
import { BACKTEST_HEADER, backtestRows } from "./backtest_rows.ts";
import { breakdownTable, type GroupsOf } from "./breakdown_rows.ts";
import { COLLAPSE_HEADER, collapseRows } from "./collapse_rows.ts";
import type { EvaluationMetrics } from "../evaluation/evaluation.ts";
import { joinEstimate, MISSING } from "./format.ts";
import { HEADLINE_COLUMNS, headlineRows } from "./headline.ts";
import { interpretations } from "./interpretation.ts";
import { FOLD_SPAN_HEADER, foldSpanRows, MODEL_RUN_HEADER, modelRunRows } from "./run_info.ts";

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|");
}

export function markdownTable(header: string[], rows: string[][]): string {
  return [
    `| ${header.map(escapeCell).join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(" | ")} |`),
  ].join("\n");
}

export function headlineMarkdown(metrics: EvaluationMetrics): string {
  return markdownTable(
    HEADLINE_COLUMNS.map(([, name]) => name),
    headlineRows(metrics).map((row) => HEADLINE_COLUMNS.map(([key]) => row[key])),
  );
}

/** Per group: always-long [CI], and per forecaster DA [CI] (⚠ when it stands out) and excess [CI]. */
export function breakdownMarkdown(
  metrics: EvaluationMetrics,
  groupsOf: GroupsOf,
  firstColumn: string,
): string {
  const table = breakdownTable(metrics, groupsOf, firstColumn);
  return markdownTable(
    table.header,
    table.rows.map((row) => [
      row.group,
      row.rows,
      joinEstimate(row.alwaysLong),
      ...row.cells.flatMap((cell) =>
        cell
          ? [
            `${joinEstimate(cell.da)}${cell.score.standsOut ? " ⚠" : ""}`,
            joinEstimate(cell.excess),
          ]
          : [MISSING, MISSING]
      ),
    ]),
  );
}

export function collapseMarkdown(metrics: EvaluationMetrics): string {
  return markdownTable(
    COLLAPSE_HEADER,
    collapseRows(metrics).map(({ model, pattern, cells }) => [
      model.label,
      pattern,
      ...cells.map((cell) => typeof cell === "string" ? cell : joinEstimate(cell)),
    ]),
  );
}

export function backtestMarkdown(metrics: EvaluationMetrics): string {
  return markdownTable(BACKTEST_HEADER, backtestRows(metrics));
}

export function foldSpansMarkdown(metrics: EvaluationMetrics): string {
  return markdownTable(FOLD_SPAN_HEADER, foldSpanRows(metrics));
}

export function modelRunsMarkdown(metrics: EvaluationMetrics): string {
  return markdownTable(MODEL_RUN_HEADER, modelRunRows(metrics).map((row) => row.cells));
}

/** "What the models look at": per model, its attention sentences and its short tables. */
export function interpretationMarkdown(metrics: EvaluationMetrics): string[] {
  const models = interpretations(metrics);
  if (models.length === 0) return [];
  return [
    "## What the models look at",
    "From each model's explanation of its test forecasts, averaged over folds (the numbers " +
    "behind the charts of index.html). They show what a model used, not whether it helped: " +
    "read them beside its accuracy.",
    ...models.flatMap(({ model, sentences, importance, coefficients }) => [
      `### ${model.label}`,
      ...(sentences.length ? [sentences.map((s) => `- ${s}`).join("\n")] : []),
      ...(importance
        ? [
          [importance.description, ...importance.omitted.map((o) => `${o}.`)].join(" "),
          markdownTable(importance.header, importance.rows),
        ]
        : []),
      ...(coefficients
        ? [
          coefficients.description + (coefficients.omitted ? ` ${coefficients.omitted}.` : ""),
          markdownTable(coefficients.header, coefficients.rows),
        ]
        : []),
    ]),
  ];
}
