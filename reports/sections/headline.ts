/**
 * "Headline": the headline table, the plain-words conclusion, the model notes and (on the
 * page) the warnings, which `summary.md` lists in its own section near the end.
 */
import { conclusionParagraphs } from "../conclusion.ts";
import { headlineTable } from "../html/direction_tables.ts";
import { escapeHtml, inlineMarkdown } from "../html/escape.ts";
import { headlineMarkdown } from "../markdown_tables.ts";
import { modelNotesHtml, modelNotesMarkdown } from "../model_notes.ts";
import type { ReportSection } from "./section.ts";

export const headlineSection: ReportSection = {
  id: "headline",
  title: "Headline",
  html: ({ metrics }) => [
    headlineTable(metrics),
    `<div class="conclusion">${
      conclusionParagraphs(metrics).map((p) => `<p>${inlineMarkdown(p)}</p>`).join("\n")
    }</div>`,
    metrics.warnings.length
      ? `<div class="warnings"><ul>${
        metrics.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("")
      }</ul></div>`
      : null,
    modelNotesHtml(metrics),
  ],
  markdown: ({ metrics }) => [
    "## Headline",
    headlineMarkdown(metrics),
    "## Conclusion",
    ...conclusionParagraphs(metrics),
    ...modelNotesMarkdown(metrics),
  ],
};
