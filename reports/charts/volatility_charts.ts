/**
 * Volatility forecasts over time: each variance forecaster's step-1 σ̂ against the
 * realised absolute return |r| of the same bar, the picture behind its volatility verdict.
 */
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import type { ChartDefinition } from "./definition.ts";
import { modelColor } from "./labels.ts";
import { DATE_AXIS } from "./series_charts.ts";
import { chart } from "./theme.ts";

export function volatilityChart(metrics: EvaluationMetrics): ChartDefinition | null {
  const withVariance = metrics.series.filter((s) => s.variance && s.variance.length);
  if (withVariance.length === 0) return null;
  const labels = withVariance.map((s) => s.label);
  const values = withVariance.flatMap((s) =>
    s.dates.map((date, i) => ({
      date,
      model: s.label,
      sigma: Math.sqrt(s.variance![i]),
      absReturn: Math.abs(s.actual[i]),
    }))
  );
  const x = DATE_AXIS;
  const unit = metrics.frequency === "weekly" ? "week" : "day";
  return {
    id: "volatility-forecast",
    title: "Forecast volatility σ̂ against the realised |r| (step 1)",
    caption: `Grey: the absolute return of each test ${unit}; colour: the σ̂ forecast for it ` +
      "the bar before. A volatility forecast rises into turbulent stretches and falls in calm " +
      "ones; |r| scatters around σ̂ (about 80% of |r| lie below 1.28 σ̂ for Gaussian returns).",
    spec: chart({
      data: { values },
      facet: { row: { field: "model", type: "nominal", sort: labels, title: null } },
      spec: {
        width: 640,
        height: 150,
        layer: [
          {
            mark: { type: "line", strokeWidth: 0.7, color: "#9a9a9a" },
            encoding: {
              x,
              y: {
                field: "absReturn",
                type: "quantitative",
                title: `per ${unit}`,
                axis: { format: ".0%" },
              },
            },
          },
          {
            mark: { type: "line", strokeWidth: 1.6 },
            encoding: {
              x,
              y: { field: "sigma", type: "quantitative" },
              color: { ...modelColor(metrics, { labels }), legend: null },
            },
          },
        ],
      },
    }),
  };
}
