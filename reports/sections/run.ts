/** "Run": how to reproduce the report, the folds' data, the models' configurations. */
import type {} from "../../evaluation/claims/claims_evaluation.ts";
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import {
  FOLD_SPAN_HEADER,
  FOLD_SPAN_NOTE,
  foldSpanRows,
  identityLine,
  MODEL_RUN_HEADER,
  modelRunRows,
  reproduceSteps,
  type RunIdentity,
} from "../run_info.ts";
import { sortedJson } from "../../evaluation/sorted_json.ts";
import { escapeHtml } from "../html/escape.ts";
import { htmlTable } from "../html/table.ts";
import { foldSpansMarkdown, modelRunsMarkdown } from "../markdown_tables.ts";
import type { ReportSection } from "./section.ts";

function runHtml(metrics: EvaluationMetrics, identity: RunIdentity): string[] {
  const steps = reproduceSteps(identity);
  const models = modelRunRows(metrics);
  return [
    `<p>${escapeHtml(identityLine(identity, metrics))}</p>`,
    steps.length
      ? `<ul class="method">${
        steps.map(([command, what]) =>
          `<li><code>${escapeHtml(command)}</code>: ${escapeHtml(what)}</li>`
        ).join("")
      }</ul>`
      : "",
    // A claims audit gathers finished claims: no folds or models of its own to list.
    ...(metrics.claims ? [] : [
      htmlTable({
        header: FOLD_SPAN_HEADER,
        rows: foldSpanRows(metrics),
        numericFrom: 4,
        caption: FOLD_SPAN_NOTE,
      }),
      htmlTable({
        header: MODEL_RUN_HEADER,
        rows: models.map((m) => m.cells),
        numericFrom: 2,
        caption: "Models as the train nodes ran them. Fit times are wall-clock, so they stay " +
          "out of the results; the run ledger records each train node's <label>.fit_seconds.",
      }),
    ]),
    ...models.map((m, i) =>
      `<details class="config"><summary>${
        escapeHtml(metrics.models[i].label)
      } configuration</summary><pre>${escapeHtml(sortedJson(m.config, 2))}</pre></details>`
    ),
  ];
}

function runHeader(metrics: EvaluationMetrics, identity: RunIdentity): string[] {
  const steps = reproduceSteps(identity).map(([command, what]) => `- \`${command}\`: ${what}`);
  return [
    "## Run",
    identityLine(identity, metrics),
    ...(steps.length ? [steps.join("\n")] : []),
  ];
}

function runMarkdown(metrics: EvaluationMetrics, identity: RunIdentity): string[] {
  if (metrics.claims) return runHeader(metrics, identity);
  return [
    ...runHeader(metrics, identity),
    FOLD_SPAN_NOTE,
    foldSpansMarkdown(metrics),
    modelRunsMarkdown(metrics),
    "Configurations (as validated, defaults filled in):",
    modelRunRows(metrics).map((row, i) =>
      `- ${metrics.models[i].label}: \`${sortedJson(row.config)}\``
    ).join("\n"),
  ];
}

export const runSection: ReportSection = {
  id: "run",
  title: "Run",
  html: ({ metrics, identity }) => runHtml(metrics, identity),
  markdown: ({ metrics, identity }) => runMarkdown(metrics, identity),
};
