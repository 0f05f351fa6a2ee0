/**
 * Predicted against realised step-1 returns (a deterministic, evenly spaced sample of
 * rows, so the page stays light), and the calibration of the quantile forecasts.
 */
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import type { ChartDefinition } from "./definition.ts";
import { forecasters } from "../../evaluation/benchmark.ts";
import { modelColor } from "./labels.ts";
import { chart } from "./theme.ts";

/** Most points drawn per model in the scatter. */
export const SCATTER_POINTS = 500;
const PER_PANEL = [{ aggregate: [{ op: "count", as: "rows" }], groupby: ["model"] }];

function sampleIndices(n: number, most: number): number[] {
  const stride = Math.max(1, Math.ceil(n / most));
  return Array.from({ length: Math.ceil(n / stride) }, (_, k) => k * stride);
}

export function predictedVsRealised(metrics: EvaluationMetrics): ChartDefinition | null {
  const models = forecasters(metrics);
  if (models.length === 0) return null;
  let sampled = false;
  const values = models.flatMap((model) => {
    const s = metrics.series.find((x) => x.label === model.label)!;
    const rows = sampleIndices(s.dates.length, SCATTER_POINTS);
    if (rows.length < s.dates.length) sampled = true;
    return rows.map((i) => ({ model: model.label, predicted: s.point[i], realised: s.actual[i] }));
  });
  const labels = models.map((m) => m.label);
  const pct = { format: ".1%" };
  return {
    id: "predicted-vs-realised",
    title: "Predicted against realised returns (step 1)",
    caption:
      `Each dot is one forecast${
        sampled ? ` (an evenly spaced sample of at most ${SCATTER_POINTS} per model)` : ""
      }. Top-right and bottom-left quadrants are correct direction calls; a flat cloud near ` +
      `x = 0 is a model that barely moves its forecasts. Each panel has its own x scale.`,
    spec: chart({
      data: { values },
      facet: { column: { field: "model", type: "nominal", sort: labels, title: null } },
      spec: {
        width: Math.max(180, Math.floor(620 / models.length)),
        height: 200,
        layer: [
          // One row per panel, so each axis rule is drawn once.
          {
            transform: PER_PANEL,
            mark: { type: "rule", color: "#bbb" },
            encoding: { x: { datum: 0 } },
          },
          {
            transform: PER_PANEL,
            mark: { type: "rule", color: "#bbb" },
            encoding: { y: { datum: 0 } },
          },
          {
            mark: { type: "point", filled: true, size: 14, opacity: 0.45 },
            encoding: {
              x: {
                field: "predicted",
                type: "quantitative",
                axis: { ...pct, tickCount: 4 },
                scale: { zero: false },
              },
              y: { field: "realised", type: "quantitative", axis: pct },
              color: { ...modelColor(metrics, { labels }), legend: null },
            },
          },
        ],
      },
      resolve: { scale: { x: "independent" } },
    }),
  };
}

export function calibrationChart(metrics: EvaluationMetrics): ChartDefinition | null {
  const withQuantiles = metrics.models.filter((m) => m.pooled.calibration.length > 0);
  if (withQuantiles.length === 0) return null;
  const values = withQuantiles.flatMap((m) =>
    m.pooled.calibration.map((c) => ({ model: m.label, level: c.level, shareBelow: c.shareBelow }))
  );
  const labels = withQuantiles.map((m) => m.label);
  const axis = { format: ".0%" };
  return {
    id: "interval-calibration",
    title: "Calibration of the quantile forecasts",
    caption: "Share of realised returns at or below each predicted quantile, against the " +
      "quantile's level. A calibrated model lies on the diagonal; below it, the quantiles are " +
      "too low, above it, too high.",
    spec: chart(
      {
        data: { values },
        layer: [
          {
            data: { values: [{ a: 0, b: 1 }] },
            mark: { type: "rule", strokeDash: [4, 4], color: "#999" },
            encoding: {
              x: { datum: 0, type: "quantitative" },
              y: { datum: 0, type: "quantitative" },
              x2: { datum: 1 },
              y2: { datum: 1 },
            },
          },
          {
            mark: { type: "line", point: { filled: true, size: 50 } },
            encoding: {
              x: {
                field: "level",
                type: "quantitative",
                title: "quantile level",
                axis,
                scale: { domain: [0, 1] },
              },
              y: {
                field: "shareBelow",
                type: "quantitative",
                title: "share of outcomes below",
                axis,
                scale: { domain: [0, 1] },
              },
              color: modelColor(metrics, { labels }),
            },
          },
        ],
      },
      360,
      300,
    ),
  };
}
