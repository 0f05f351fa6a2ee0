/**
 * The models' caveats (`ModelEvaluation.notes`, gathered by `evaluation/model_notes.ts`),
 * printed beside the results.
 */
import type { EvaluationMetrics } from "../evaluation/evaluation.ts";
import { inlineMarkdown } from "./html/escape.ts";

/** Each note once, with the labels of the models that gave it: "**ridge**, **rf**: …". */
function noteLines(metrics: EvaluationMetrics): string[] {
  const labels = new Map<string, string[]>();
  for (const model of metrics.models) {
    // `?? []`: metrics cached before models had notes render without them.
    for (const note of model.notes ?? []) {
      labels.set(note, [...labels.get(note) ?? [], model.label]);
    }
  }
  return [...labels].map(([note, models]) =>
    `${models.map((label) => `**${label}**`).join(", ")}: ${note}`
  );
}

export function modelNotesMarkdown(metrics: EvaluationMetrics): string[] {
  const lines = noteLines(metrics);
  return lines.length ? ["## Model notes", lines.map((line) => `- ${line}`).join("\n")] : [];
}

export function modelNotesHtml(metrics: EvaluationMetrics): string | null {
  const lines = noteLines(metrics);
  if (!lines.length) return null;
  return `<h3>Model notes</h3><ul class="model-notes">${
    lines.map((line) => `<li>${inlineMarkdown(line)}</li>`).join("")
  }</ul>`;
}
