/** "Method": how every number was computed, in plain words. */
import { escapeHtml } from "../html/escape.ts";
import { methodNotes } from "../methods.ts";
import type { ReportSection } from "./section.ts";

export const methodSection: ReportSection = {
  id: "method",
  title: "Method",
  html: ({ metrics }) => [
    `<ul class="method">${
      methodNotes(metrics).map((n) => `<li>${escapeHtml(n)}</li>`).join("\n")
    }</ul>`,
  ],
  markdown: (
    { metrics },
  ) => ["## Method", methodNotes(metrics).map((note) => `- ${note}`).join("\n")],
};
