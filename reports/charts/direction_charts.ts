/**
 * Per-fold directional accuracy against always-long on the same rows, and the paired
 * excess over it, each with its bootstrap interval and a pooled column.
 */
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import type { ChartDefinition } from "./definition.ts";
import { foldColumnTitle } from "../../evaluation/fold_labels.ts";
import { forecasters } from "../../evaluation/benchmark.ts";
import { ciPercent } from "../format.ts";
import { modelColor } from "./labels.ts";
import { chart } from "./theme.ts";

const POOLED = "pooled";
/** Data for reference rules: one row, so the rule is drawn once, not once per data row. */
const ONE_ROW = { values: [{}] };

function rows(metrics: EvaluationMetrics) {
  return forecasters(metrics).flatMap((model) => [
    ...model.folds.map((fold) => ({ fold: fold.group, model: model.label, ...pick(fold) })),
    { fold: POOLED, model: model.label, ...pick(model.pooled) },
  ]);
}

function pick(score: {
  da: number | null;
  baseRate: number | null;
  excess: number | null;
  daCi: { low: number; high: number } | null;
  baseRateCi: { low: number; high: number } | null;
  excessCi: { low: number; high: number } | null;
}) {
  return {
    da: score.da,
    baseRate: score.baseRate,
    excess: score.excess,
    daLow: score.daCi?.low ?? null,
    daHigh: score.daCi?.high ?? null,
    baseLow: score.baseRateCi?.low ?? null,
    baseHigh: score.baseRateCi?.high ?? null,
    excessLow: score.excessCi?.low ?? null,
    excessHigh: score.excessCi?.high ?? null,
  };
}

export function directionCharts(metrics: EvaluationMetrics): ChartDefinition[] {
  const models = forecasters(metrics);
  if (models.length === 0) return [];
  const folds = [...metrics.folds.map((f) => f.label), POOLED];
  const data = rows(metrics);
  const labels = models.map((m) => m.label);
  const layout = foldLayout(folds, labels.length);
  const what = foldColumnTitle(metrics.folds);
  // Always-long's accuracy per fold: the base rate on the rows of the first model there.
  const baseRates = folds.map((fold) => {
    const row = data.find((r) => r.fold === fold);
    return {
      fold,
      baseRate: row?.baseRate ?? null,
      baseLow: row?.baseLow ?? null,
      baseHigh: row?.baseHigh ?? null,
    };
  });
  const x = {
    field: "fold",
    type: "ordinal",
    sort: folds,
    title: what,
    axis: layout.slanted ? { labelAngle: -40, labelAlign: "right" } : { labelAngle: 0 },
  };
  const xOffset = { field: "model", type: "nominal", sort: labels };
  const color = modelColor(metrics, { labels });
  const pct = { format: ".0%" };
  const interval = (low: string, high: string, value: string, title: string) => [
    {
      mark: { type: "rule", strokeWidth: 2, opacity: 0.55 },
      encoding: { x, xOffset, y: { field: low, type: "quantitative" }, y2: { field: high }, color },
    },
    {
      mark: { type: "point", filled: true, size: 55, opacity: 1 },
      encoding: {
        x,
        xOffset,
        color,
        y: { field: value, type: "quantitative", title, axis: pct, scale: { zero: false } },
      },
    },
  ];
  return [
    {
      id: "direction-by-fold",
      title: `Directional accuracy per ${what} against always-long`,
      caption: `Dots: each model's share of correct direction calls, with its ${
        ciPercent(metrics)
      } bootstrap interval. Black bars: always-long on exactly the same rows (the share of up ${
        metrics.frequency === "weekly" ? "weeks" : "days"
      }), its interval shaded grey. Dashed line: a coin flip.`,
      spec: chart({
        data: { values: data },
        layer: [
          {
            mark: { type: "rule", strokeDash: [4, 4], color: "#999" },
            data: ONE_ROW,
            encoding: { y: { datum: 0.5 } },
          },
          {
            data: { values: baseRates },
            mark: { type: "bar", color: "#000", opacity: 0.08, size: layout.barSize },
            encoding: {
              x,
              y: { field: "baseLow", type: "quantitative" },
              y2: { field: "baseHigh" },
            },
          },
          {
            data: { values: baseRates },
            mark: { type: "tick", color: "#111", thickness: 3, size: layout.barSize },
            encoding: { x, y: { field: "baseRate", type: "quantitative" } },
          },
          ...interval("daLow", "daHigh", "da", "directional accuracy"),
        ],
      }, layout.width),
    },
    {
      id: "excess-by-fold",
      title: `Excess over always-long per ${what} (paired)`,
      caption:
        `Accuracy minus always-long's on the same rows, with the ${
          ciPercent(metrics)
        } paired block-bootstrap interval. Above zero means better than always-long; an ` +
        `interval that crosses zero is not distinguishable from it.`,
      spec: chart({
        data: { values: data },
        layer: [
          { data: ONE_ROW, mark: { type: "rule", color: "#111" }, encoding: { y: { datum: 0 } } },
          ...interval("excessLow", "excessHigh", "excess", "excess over always-long"),
        ],
      }, layout.width),
    },
  ];
}

/**
 * Width, benchmark bar size and label slant for a band per fold holding a dot per model:
 * wider (up to the page) as folds and models add up, labels slanted when they would overlap.
 */
function foldLayout(folds: string[], models: number) {
  const width = Math.min(1000, Math.max(640, folds.length * models * 7));
  const band = width / folds.length;
  const longest = Math.max(...folds.map((f) => f.length));
  return {
    width,
    barSize: Math.min(34, Math.floor(band * 0.8)),
    slanted: longest * 6.5 > band * 0.9,
  };
}
