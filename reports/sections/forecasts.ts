/** "Return forecasts and intervals": predicted against realised, calibration, error table. */
import { calibrationChart, predictedVsRealised } from "../charts/forecast_charts.ts";
import { forecastSeriesChart } from "../charts/series_charts.ts";
import { errorsTable } from "../html/detail_tables.ts";
import type { ReportSection } from "./section.ts";

export const forecastsSection: ReportSection = {
  id: "forecasts",
  title: "Return forecasts and intervals",
  charts: (metrics) => [
    forecastSeriesChart(metrics),
    predictedVsRealised(metrics),
    calibrationChart(metrics),
  ],
  html: ({ metrics, figures }) => [figures(), errorsTable(metrics)],
  // summary.md keeps to direction; the errors are in metrics.csv.
  markdown: () => [],
};
