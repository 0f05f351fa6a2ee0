/** "Collapse diagnostics": is a model always-long in disguise? Table and training charts. */
import { collapseEpochChart, lossVsAccuracyChart } from "../charts/collapse_charts.ts";
import { COLLAPSE_NOTE } from "../collapse_rows.ts";
import { collapseTable } from "../html/detail_tables.ts";
import { collapseMarkdown } from "../markdown_tables.ts";
import type { ReportSection } from "./section.ts";

export const collapseSection: ReportSection = {
  id: "collapse",
  title: "Collapse diagnostics",
  charts: (metrics) => [collapseEpochChart(metrics), lossVsAccuracyChart(metrics)],
  html: ({ metrics, figures }) => [collapseTable(metrics), figures()],
  markdown: ({ metrics }) => [
    "## Collapse diagnostics",
    `Is a model always-long in disguise? ${COLLAPSE_NOTE} ` +
    "Epoch columns: validation rows at the first epoch and at the kept " +
    "checkpoint, mean over folds; r: validation loss against validation accuracy across epochs.",
    collapseMarkdown(metrics),
  ],
};
