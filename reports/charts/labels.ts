/** Labels, colours and model kinds shared by the chart builders. */
import type { EvaluationMetrics, ModelEvaluation } from "../evaluation.ts";
import { BUY_AND_HOLD, colorScale } from "./theme.ts";
import type { ChartSpec } from "./render.ts";

export function isBenchmark(model: ModelEvaluation): boolean {
  return model.model === "always-long";
}

/** Models other than always-long (whose accuracy is the base rate itself). */
export function forecasters(metrics: EvaluationMetrics): ModelEvaluation[] {
  return metrics.models.filter((m) => !isBenchmark(m));
}

/** Colour encoding for a field holding model labels (and optionally buy-and-hold). */
export function modelColor(
  metrics: EvaluationMetrics,
  options: { field?: string; withBuyAndHold?: boolean; labels?: string[] } = {},
): ChartSpec {
  const labels = options.labels ?? metrics.models.map((m) => m.label);
  const domain = options.withBuyAndHold ? [...labels, BUY_AND_HOLD] : labels;
  const kinds = Object.fromEntries(metrics.models.map((m) => [m.label, m.model]));
  return {
    field: options.field ?? "model",
    type: "nominal",
    title: null,
    scale: colorScale(domain, kinds),
    sort: domain,
  };
}

/** The fold axis label: the test year, or the fold id. */
export function foldLabel(fold: { testYear: number | null; foldId: string }): string {
  return fold.testYear === null ? fold.foldId : String(fold.testYear);
}
