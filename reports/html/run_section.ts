/** The page's "Run" section: how to reproduce the report, the folds' data, the models' configurations. */
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
import { escapeHtml } from "./escape.ts";
import { htmlTable } from "./table.ts";

export function runSection(metrics: EvaluationMetrics, identity: RunIdentity): string[] {
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
    ...models.map((m, i) =>
      `<details class="config"><summary>${
        escapeHtml(metrics.models[i].label)
      } configuration</summary><pre>${escapeHtml(sortedJson(m.config, 2))}</pre></details>`
    ),
  ];
}
