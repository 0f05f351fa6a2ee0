/**
 * Equity curves of the long/flat and long/short strategies of each model against
 * buy-and-hold over the pooled test years (step-1 forecasts, after costs).
 */
import type { EvaluationMetrics, ModelSeries } from "../../evaluation/evaluation.ts";
import type { ChartDefinition } from "./definition.ts";
import { forecasters } from "../../evaluation/benchmark.ts";
import { modelColor } from "./labels.ts";
import { BUY_AND_HOLD } from "./colors.ts";
import { chart } from "./theme.ts";

type Strategy = "longFlat" | "longShort";

function curveRows(series: ModelSeries, label: string, values: number[]) {
  const line = label === BUY_AND_HOLD ? "benchmark" : "strategy";
  return values.map((equity, i) => ({ date: series.dates[i], model: label, line, equity }));
}

export function equityCharts(metrics: EvaluationMetrics): ChartDefinition[] {
  const models = forecasters(metrics);
  const seriesOf = (label: string) => metrics.series.find((s) => s.label === label)!;
  if (models.length === 0) return [];
  // Buy-and-hold on the rows of the model with the most rows (all share them normally).
  const reference = models.map((m) => seriesOf(m.label))
    .reduce((a, b) => (b.dates.length > a.dates.length ? b : a));
  const { costPerTrade, threshold } = metrics.settings.backtest;
  const labels = models.map((m) => m.label);
  const make = (strategy: Strategy, id: string, name: string): ChartDefinition => ({
    id,
    title: `Equity of ${name} strategies against buy-and-hold`,
    caption:
      `Growth of 1 trading each model's step-1 forecasts (${name}, threshold ${threshold}, ` +
      `cost ${(costPerTrade * 100).toFixed(costPerTrade < 0.0001 ? 4 : 2)}% per unit traded), ` +
      `entering at the close and marking to market at the next close; log scale. ` +
      `Black: buy-and-hold.`,
    spec: chart({
      data: {
        values: [
          ...models.flatMap((m) =>
            curveRows(seriesOf(m.label), m.label, seriesOf(m.label).equity[strategy])
          ),
          ...curveRows(reference, BUY_AND_HOLD, reference.equity.buyAndHold),
        ],
      },
      mark: { type: "line", strokeWidth: 1.6, interpolate: "linear" },
      encoding: {
        x: {
          field: "date",
          type: "temporal",
          scale: { type: "utc" },
          title: null,
          axis: { format: "%Y" },
        },
        y: {
          field: "equity",
          type: "quantitative",
          scale: { type: "log", nice: false, padding: 6 },
          title: "equity (start = 1)",
        },
        color: modelColor(metrics, { labels, withBuyAndHold: true }),
        // A separate field, so the colour legend is not merged away with the dash scale.
        strokeDash: {
          field: "line",
          type: "nominal",
          legend: null,
          scale: { domain: ["strategy", "benchmark"], range: [[1, 0], [5, 3]] },
        },
      },
    }),
  });
  return [
    make("longFlat", "equity-long-flat", "long/flat"),
    make("longShort", "equity-long-short", "long/short"),
  ];
}
