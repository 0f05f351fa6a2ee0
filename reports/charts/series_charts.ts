/**
 * Charts over time: rolling directional accuracy of each model beside always-long's on the
 * same rows, and each model's step-1 forecasts against the realised returns (with its
 * outer quantiles as a band when it forecasts them).
 */
import { forecasters } from "../../evaluation/benchmark.ts";
import { ALWAYS_UP_CALLS } from "../../evaluation/comparisons.ts";
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import { rollingAccuracy } from "../../evaluation/rolling.ts";
import type { ChartDefinition } from "./definition.ts";
import { modelColor } from "./labels.ts";
import { chart } from "./theme.ts";

/** Dates along x, labelled by Vega's own multi-scale format (years, or months in a short span). */
export const DATE_AXIS = { field: "date", type: "temporal", scale: { type: "utc" }, title: null };

/** Rows in the rolling window: half a year of the data's bars. */
export function rollingWindow(metrics: EvaluationMetrics): number {
  return Math.round(metrics.periodsPerYear / 2);
}

export function rollingAccuracyChart(metrics: EvaluationMetrics): ChartDefinition | null {
  const models = forecasters(metrics);
  const window = rollingWindow(metrics);
  const seriesOf = (label: string) => metrics.series.find((s) => s.label === label)!;
  const usable = models.filter((m) => seriesOf(m.label).dates.length >= window);
  if (usable.length === 0) return null;
  const values = usable.flatMap((model) => {
    const s = seriesOf(model.label);
    const rolling = rollingAccuracy(s, window);
    return s.dates.flatMap((date, i) =>
      rolling.da[i] === null ? [] : [{
        date,
        model: model.label,
        da: rolling.da[i],
      }]
    );
  });
  // Always-long on the rows of the model with the most rows (all share them normally).
  const reference = usable.map((m) => seriesOf(m.label))
    .reduce((a, b) => (b.dates.length > a.dates.length ? b : a));
  const base = rollingAccuracy(reference, window).baseRate;
  reference.dates.forEach((date, i) => {
    if (base[i] !== null) values.push({ date, model: ALWAYS_UP_CALLS, da: base[i] });
  });
  const labels = [...usable.map((m) => m.label), ALWAYS_UP_CALLS];
  const unit = metrics.frequency === "weekly" ? "weeks" : "days";
  return {
    id: "rolling-accuracy",
    title: `Directional accuracy over the last ${window} ${unit}`,
    caption: `Each model's share of correct direction calls over a rolling window of ${window} ` +
      `test ${unit} (step 1, folds pooled in date order), beside always-long's (grey: the ` +
      `share of up ${unit} in the same window). Dashed line: a coin flip. A model above the ` +
      "grey line for long stretches beats always-long there.",
    spec: chart({
      data: { values },
      layer: [
        {
          data: { values: [{ half: 0.5 }] },
          mark: { type: "rule", strokeDash: [4, 4], color: "#999" },
          encoding: { y: { field: "half", type: "quantitative" } },
        },
        {
          mark: { type: "line", strokeWidth: 1.4, interpolate: "linear" },
          encoding: {
            x: DATE_AXIS,
            y: {
              field: "da",
              type: "quantitative",
              title: "rolling accuracy",
              axis: { format: ".0%" },
              scale: { zero: false },
            },
            color: modelColor(metrics, { labels }),
          },
        },
      ],
    }),
  };
}

export function forecastSeriesChart(metrics: EvaluationMetrics): ChartDefinition | null {
  const models = forecasters(metrics);
  if (models.length === 0) return null;
  const labels = models.map((m) => m.label);
  const values = models.flatMap((model) => {
    const s = metrics.series.find((x) => x.label === model.label)!;
    const last = s.quantileLevels.length - 1;
    return s.dates.map((date, i) => ({
      date,
      model: model.label,
      actual: s.actual[i],
      point: s.point[i],
      low: last > 0 ? s.quantiles[0][i] : null,
      high: last > 0 ? s.quantiles[last][i] : null,
    }));
  });
  const row = { field: "model", type: "nominal", sort: labels, title: null };
  const color = { ...modelColor(metrics, { labels }), legend: null };
  const band = {
    transform: [{ filter: "datum.low !== null" }],
    mark: { type: "area", opacity: 0.18 },
    encoding: {
      x: DATE_AXIS,
      y: { field: "low", type: "quantitative" },
      y2: { field: "high" },
      color,
    },
  };
  const pct = { format: ".0%" };
  return {
    id: "forecast-series",
    title: "Forecasts against realised returns over time (step 1)",
    caption: "Grey: the realised return of each test bar; colour: the model's point forecast " +
      "for it; shaded: its outermost quantile forecasts, when it makes them. A forecast line " +
      "that hugs zero while the returns swing is a model that barely moves its forecasts.",
    spec: chart({
      data: { values },
      facet: { row },
      spec: {
        width: 640,
        height: 110,
        layer: [
          // The quantile band only where a model forecasts quantiles (an empty layer warns).
          ...(values.some((v) => v.low !== null) ? [band] : []),
          {
            mark: { type: "line", strokeWidth: 0.7, color: "#9a9a9a" },
            encoding: {
              x: DATE_AXIS,
              y: { field: "actual", type: "quantitative", title: "return", axis: pct },
            },
          },
          {
            mark: { type: "line", strokeWidth: 1.4 },
            encoding: {
              x: DATE_AXIS,
              y: { field: "point", type: "quantitative" },
              color,
            },
          },
        ],
      },
    }),
  };
}
