/** Every chart the report shows for a metrics object, in page order. */
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import { collapseEpochChart, lossVsAccuracyChart } from "./collapse_charts.ts";
import type { ChartDefinition } from "./definition.ts";
import { directionCharts } from "./direction_charts.ts";
import { equityCharts } from "./equity_charts.ts";
import { calibrationChart, predictedVsRealised } from "./forecast_charts.ts";
import { interpretationCharts } from "./interpretation_charts.ts";

export function reportCharts(metrics: EvaluationMetrics): ChartDefinition[] {
  return [
    ...directionCharts(metrics),
    predictedVsRealised(metrics),
    calibrationChart(metrics),
    ...equityCharts(metrics),
    collapseEpochChart(metrics),
    lossVsAccuracyChart(metrics),
    ...interpretationCharts(metrics),
  ].filter((chart): chart is ChartDefinition => chart !== null);
}
