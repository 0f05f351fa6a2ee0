/**
 * What the models looked at: TFT attention over encoder steps (mean over folds, and each
 * fold faintly), variable-selection importance bars per input group, and CLS attention by
 * layer and head as a heat map.
 */
import type { EvaluationMetrics, ModelEvaluation } from "../evaluation.ts";
import type { ChartDefinition } from "./definition.ts";
import { chart } from "./theme.ts";

/** Kebab-case id part from a model label. */
export function slug(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "model";
}

function attentionChart(model: ModelEvaluation, id: string): ChartDefinition | null {
  const attention = model.explanation?.attention;
  if (!attention) return null;
  const perFold = attention.byFold.flatMap((fold) =>
    fold.weights.map((weight, k) => ({
      step: attention.steps[k],
      weight,
      fold: fold.testYear ?? fold.foldId,
    }))
  );
  const mean = attention.mean.map((weight, k) => ({ step: attention.steps[k], weight }));
  const x = {
    field: "step",
    type: "quantitative",
    title: "encoder step (0 = forecast origin)",
    axis: { tickMinStep: 1 },
  };
  const y = { field: "weight", type: "quantitative", title: "attention weight" };
  return {
    id,
    section: "interpretation",
    title: `${model.label}: attention over encoder steps`,
    caption: `Mean attention from the decoder to each past step, averaged over heads, samples ` +
      `and ${attention.byFold.length} folds (thick line); thin lines are single folds. Weight ` +
      `piling up at step 0 means the model mostly looks at the latest bar.`,
    spec: chart(
      {
        layer: [
          {
            data: { values: perFold },
            mark: { type: "line", strokeWidth: 1, opacity: 0.35, color: "#1f77b4" },
            encoding: { x, y, detail: { field: "fold", type: "nominal" } },
          },
          {
            data: { values: mean },
            mark: {
              type: "line",
              strokeWidth: 2.5,
              color: "#0b3d91",
              point: { size: 20, color: "#0b3d91" },
            },
            encoding: { x, y },
          },
        ],
      },
      620,
      220,
    ),
  };
}

function importanceChart(model: ModelEvaluation, id: string): ChartDefinition | null {
  const rows = model.explanation?.variableImportance ?? [];
  if (rows.length === 0) return null;
  const groups = ["past", "future", "static"].filter((g) => rows.some((r) => r.group === g));
  // One panel per input group, stacked (own data, so each panel lists only its inputs).
  const panel = (group: string) => {
    const y = { field: "name", type: "nominal", sort: null, title: `${group} inputs` };
    return {
      data: { values: rows.filter((r) => r.group === group) },
      width: 520,
      height: { step: 16 },
      layer: [
        {
          mark: { type: "bar", color: "#4c78a8" },
          encoding: { y, x: { field: "mean", type: "quantitative", title: "selection weight" } },
        },
        {
          mark: { type: "rule", color: "#222" },
          encoding: { y, x: { field: "min", type: "quantitative" }, x2: { field: "max" } },
        },
      ],
    };
  };
  return {
    id,
    section: "interpretation",
    title: `${model.label}: variable importance`,
    caption: "Mean variable-selection weight per input over folds (bar, largest first), with " +
      "the range across folds (line). Weights within a group sum to 1.",
    spec: chart({ vconcat: groups.map(panel), spacing: 14 }),
  };
}

function headChart(model: ModelEvaluation, id: string): ChartDefinition | null {
  const heads = model.explanation?.attentionByHead;
  if (!heads || heads.length === 0) return null;
  const values = heads.flatMap((layer, l) =>
    layer.flatMap((head, h) =>
      head.map((weight, step) => ({
        head: `layer ${l + 1} · head ${h + 1}`,
        step: step - head.length + 1,
        weight,
      }))
    )
  );
  return {
    id,
    section: "interpretation",
    title: `${model.label}: attention by layer and head`,
    caption: "Attention of the classification token to each encoder step, per layer and head, " +
      "averaged over samples and folds. Darker is more attention.",
    spec: chart(
      {
        data: { values },
        mark: "rect",
        encoding: {
          x: {
            field: "step",
            type: "ordinal",
            title: "encoder step (0 = forecast origin)",
            axis: { labelAngle: 0 },
          },
          y: { field: "head", type: "nominal", title: null },
          color: {
            field: "weight",
            type: "quantitative",
            scale: { scheme: "blues" },
            title: "weight",
          },
        },
      },
      620,
      undefined,
    ),
  };
}

export function interpretationCharts(metrics: EvaluationMetrics): ChartDefinition[] {
  const used = new Set<string>();
  return metrics.models.flatMap((model) => {
    let base = slug(model.label);
    while (used.has(base)) base += "-x";
    used.add(base);
    return [
      attentionChart(model, `attention-${base}`),
      importanceChart(model, `importance-${base}`),
      headChart(model, `attention-heads-${base}`),
    ].filter((c): c is ChartDefinition => c !== null);
  });
}
