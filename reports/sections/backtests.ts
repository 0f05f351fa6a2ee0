/** "Backtests": equity curves and the strategies' summaries, after costs. */
import { equityCharts } from "../charts/equity_charts.ts";
import { backtestTable } from "../html/detail_tables.ts";
import { backtestMarkdown } from "../markdown_tables.ts";
import type { ReportSection } from "./section.ts";

export const backtestsSection: ReportSection = {
  id: "backtests",
  title: "Backtests",
  charts: equityCharts,
  html: ({ metrics, figures }) => [figures(), backtestTable(metrics)],
  markdown: ({ metrics }) => [
    "## Backtests (step-1 forecasts, after costs)",
    backtestMarkdown(metrics),
  ],
};
