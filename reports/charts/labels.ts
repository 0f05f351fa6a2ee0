/** Labels and colours shared by the chart builders. */
import { isBenchmark } from "../../evaluation/benchmark.ts";
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import { BUY_AND_HOLD } from "./colors.ts";
import { colorScale } from "./theme.ts";
import type { ChartSpec } from "./render.ts";

/** Colour encoding for the `model` field (model labels, and optionally buy-and-hold). */
export function modelColor(
  metrics: EvaluationMetrics,
  options: { withBuyAndHold?: boolean; labels?: string[] } = {},
): ChartSpec {
  const labels = options.labels ?? metrics.models.map((m) => m.label);
  const domain = options.withBuyAndHold ? [...labels, BUY_AND_HOLD] : labels;
  const benchmarks = new Set(
    metrics.models.filter((m) => isBenchmark(metrics.settings, m)).map((m) => m.label),
  );
  return {
    field: "model",
    type: "nominal",
    title: null,
    scale: colorScale(domain, benchmarks),
    sort: domain,
  };
}

/** The colour of one model in this report's charts: its colour in every other chart too. */
export function colorOf(metrics: EvaluationMetrics, label: string): string {
  const scale = modelColor(metrics).scale as { domain: string[]; range: string[] };
  return scale.range[scale.domain.indexOf(label)] ?? scale.range[0];
}

/** The label of a fold by id (its test year or test window); the id for an unknown fold. */
export function foldLabeller(metrics: EvaluationMetrics): (foldId: string) => string {
  const labels = new Map(metrics.folds.map((f) => [f.foldId, f.label]));
  return (foldId) => labels.get(foldId) ?? foldId;
}

/**
 * Colour encoding for a field of fold labels: a categorical palette for a few folds, an
 * ordered blue-to-yellow ramp (test order) when there are more than its 10 colours.
 */
export function foldColor(metrics: EvaluationMetrics, title: string): ChartSpec {
  const domain = metrics.folds.map((f) => f.label);
  const many = domain.length > 10;
  return {
    field: "fold",
    type: many ? "ordinal" : "nominal",
    title,
    sort: domain,
    scale: many ? { scheme: "viridis", domain } : { scheme: "tableau10", domain },
    legend: { columns: Math.min(domain.length, many ? 6 : 10), symbolLimit: 0 },
  };
}
