/**
 * Collapse diagnostics over training: prediction std (relative to the targets') and the
 * share of "up" calls on the validation rows per epoch, one line per fold, with the kept
 * checkpoint marked; and validation loss against validation accuracy across epochs, pooled
 * over folds, with the correlation in each panel's header.
 */
import type { EvaluationMetrics, ModelEvaluation } from "../../evaluation/evaluation.ts";
import { formatNumber, formatP } from "../format.ts";
import type { ChartDefinition } from "./definition.ts";
import { foldColumnTitle } from "../../evaluation/fold_labels.ts";
import { foldColor, foldLabeller } from "./labels.ts";
import { chart } from "./theme.ts";

function trained(metrics: EvaluationMetrics): ModelEvaluation[] {
  return metrics.models.filter((m) => m.collapse.epochs.length > 0);
}

export function collapseEpochChart(metrics: EvaluationMetrics): ChartDefinition | null {
  const models = trained(metrics);
  if (models.length === 0) return null;
  const metricNames = ["prediction std ÷ target std", "share of up calls"];
  const foldOf = foldLabeller(metrics);
  const values = models.flatMap((m) =>
    m.collapse.epochs.flatMap((e) => [
      {
        model: m.label,
        fold: foldOf(e.foldId),
        epoch: e.epoch,
        metric: metricNames[0],
        value: e.predictionStdRatio,
        selected: e.selected,
      },
      {
        model: m.label,
        fold: foldOf(e.foldId),
        epoch: e.epoch,
        metric: metricNames[1],
        value: e.shareLong,
        selected: e.selected,
      },
    ]).filter((row) => row.value !== null)
  );
  if (values.length === 0) return null;
  const x = { field: "epoch", type: "quantitative", axis: { tickMinStep: 1 } };
  const color = foldColor(metrics, foldColumnTitle(metrics.folds));
  return {
    id: "collapse-epochs",
    title: "Prediction spread and share of up calls per epoch (validation rows)",
    caption: "One line per fold; the ring marks the checkpoint each fold kept. A spread ratio " +
      "sinking towards 0 while the share of up calls climbs towards 100% is a model collapsing " +
      "to always-long.",
    spec: chart({
      data: { values },
      facet: {
        row: { field: "model", type: "nominal", title: null, sort: models.map((m) => m.label) },
        column: { field: "metric", type: "nominal", title: null, sort: metricNames },
      },
      spec: {
        width: 300,
        height: 170,
        layer: [
          {
            mark: { type: "line", strokeWidth: 1.3, opacity: 0.85 },
            encoding: { x, y: { field: "value", type: "quantitative", title: null }, color },
          },
          {
            transform: [{ filter: "datum.selected" }],
            mark: { type: "point", size: 60, strokeWidth: 2 },
            encoding: { x, y: { field: "value", type: "quantitative" }, color },
          },
        ],
      },
      resolve: { scale: { y: "independent" } },
    }),
  };
}

export function lossVsAccuracyChart(metrics: EvaluationMetrics): ChartDefinition | null {
  const models = trained(metrics).filter((m) => m.collapse.lossVsDa !== null);
  if (models.length === 0) return null;
  const header = (m: ModelEvaluation) => {
    const c = m.collapse.lossVsDa!;
    return `${m.label}: r = ${formatNumber(c.r, 2)} (p ${formatP(c.pValue)}, ${c.n} epochs)`;
  };
  const foldOf = foldLabeller(metrics);
  const values = models.flatMap((m) =>
    m.collapse.epochs
      .filter((e) => e.validationLoss !== null && e.validationDa !== null)
      .map((e) => ({
        panel: header(m),
        fold: foldOf(e.foldId),
        loss: e.validationLoss,
        da: e.validationDa,
      }))
  );
  return {
    id: "loss-vs-accuracy",
    title: "Validation loss against validation directional accuracy, across epochs",
    caption: "Every epoch of every fold. A cloud falling from top-left to bottom-right means " +
      "lower validation loss went with better direction calls; the reference study found only " +
      "a moderate link (r ≈ −0.46), so choosing checkpoints by loss selects for accuracy loosely.",
    spec: chart({
      data: { values },
      facet: { column: { field: "panel", type: "nominal", title: null, sort: models.map(header) } },
      spec: {
        width: Math.max(220, Math.floor(620 / models.length)),
        height: 220,
        mark: { type: "point", filled: true, size: 28, opacity: 0.75 },
        encoding: {
          x: {
            field: "loss",
            type: "quantitative",
            title: "validation loss",
            scale: { zero: false },
          },
          y: {
            field: "da",
            type: "quantitative",
            title: "validation accuracy",
            axis: { format: ".0%" },
            scale: { zero: false },
          },
          color: foldColor(metrics, foldColumnTitle(metrics.folds)),
        },
      },
      resolve: { scale: { x: "independent", y: "independent" } },
    }),
  };
}
