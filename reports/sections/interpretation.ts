/** "What the models look at": per model, sentences, charts and largest coefficients. */
import { interpretationCharts } from "../charts/interpretation_charts.ts";
import { interpretationHtml } from "../html/interpretation_section.ts";
import { interpretationMarkdown } from "../markdown_tables.ts";
import type { ReportSection } from "./section.ts";

export const interpretationSection: ReportSection = {
  id: "interpretation",
  title: "What the models look at",
  charts: interpretationCharts,
  html: ({ metrics, figures }) =>
    interpretationHtml(metrics, (label) => figures((chart) => chart.model === label)),
  markdown: ({ metrics }) => interpretationMarkdown(metrics),
};
