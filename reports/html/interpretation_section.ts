/**
 * The page's "What the models look at": per model, the same sentences as `summary.md`, its
 * charts, and its largest fitted coefficients (the full lists are in `metrics.json`).
 */
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import { interpretations } from "../interpretation.ts";
import { escapeHtml } from "./escape.ts";
import { htmlTable } from "./table.ts";

export function interpretationHtml(
  metrics: EvaluationMetrics,
  figuresOf: (model: string) => string,
): string[] {
  return interpretations(metrics).flatMap(({ model, sentences, coefficients }) =>
    [
      `<h3>${escapeHtml(model.label)}</h3>`,
      sentences.length
        ? `<ul class="method">${sentences.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ul>`
        : null,
      figuresOf(model.label),
      coefficients
        ? htmlTable({
          header: coefficients.header,
          rows: coefficients.rows,
          numericFrom: 1,
          caption: coefficients.description +
            (coefficients.omitted ? ` ${coefficients.omitted}; all are in metrics.json.` : ""),
        })
        : null,
    ].filter((part): part is string => part !== null && part !== "")
  );
}
