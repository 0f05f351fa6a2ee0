/** The model search's histogram of out-of-sample excess accuracy over always-long. */
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import type { ChartDefinition } from "./definition.ts";
import { chart } from "./theme.ts";

export function searchHistogramChart(metrics: EvaluationMetrics): ChartDefinition | null {
  const s = metrics.modelSearch;
  if (!s) return null;
  const values = s.histogram.map((b) => ({ from: b.from * 100, to: b.to * 100, count: b.count }));
  const picked = s.bestInSample[0].testExcess * 100;
  return {
    id: "model-search-histogram",
    title: `Out-of-sample excess accuracy over always-long, ${s.models} models`,
    caption: "Each bar counts the models whose test-day accuracy minus always-long's falls in " +
      "its half-point bin. The black line is always-long (0); the red line is the model " +
      "that scored best in-sample (validation window), placed at its out-of-sample excess.",
    spec: chart({
      layer: [
        {
          data: { values },
          mark: { type: "rect", color: "#7a8fb0", stroke: "#ffffff", strokeWidth: 0.5 },
          encoding: {
            x: {
              field: "from",
              type: "quantitative",
              title: "excess accuracy over always-long (pp)",
            },
            x2: { field: "to" },
            y: { field: "count", type: "quantitative", title: "models" },
            y2: { datum: 0 },
          },
        },
        {
          data: { values: [{ x: 0 }] },
          mark: { type: "rule", color: "#222", strokeWidth: 1.5 },
          encoding: { x: { field: "x", type: "quantitative" } },
        },
        {
          data: { values: [{ x: picked }] },
          mark: { type: "rule", color: "#c0392b", strokeWidth: 1.5, strokeDash: [4, 3] },
          encoding: { x: { field: "x", type: "quantitative" } },
        },
      ],
    }),
  };
}
