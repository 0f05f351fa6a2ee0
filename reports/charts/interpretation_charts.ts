/**
 * What the models looked at: attention over input steps (mean over folds, each fold faintly,
 * and the uniform level), importance bars per input group (the largest ones), and attention by
 * layer and head as a heat map. Captions and axes say what the numbers are — selection
 * weights, shares of a total, which layer — as read from the explanation data, never from
 * the model's kind.
 */
import { attentionShape } from "../../evaluation/attention_shape.ts";
import type { EvaluationMetrics, ModelEvaluation } from "../../evaluation/evaluation.ts";
import { formatNumber } from "../format.ts";
import { attentionBasis } from "../interpretation.ts";
import { importanceWords } from "../interpretation_tables.ts";
import type { ChartDefinition } from "./definition.ts";
import { colorOf, foldLabeller } from "./labels.ts";
import { chart } from "./theme.ts";

/** Bars per input group in the importance chart; the rest are summed in the caption. */
export const CHART_TOP_INPUTS = 20;

const STEP_TITLE = "input step (0 = forecast origin)";

/** Kebab-case id part from a model label. */
export function slug(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "model";
}

function attentionChart(
  metrics: EvaluationMetrics,
  model: ModelEvaluation,
  id: string,
): ChartDefinition | null {
  const explanation = model.explanation;
  const attention = explanation?.attention;
  if (!explanation || !attention) return null;
  const foldOf = foldLabeller(metrics);
  const perFold = attention.byFold.flatMap((fold) =>
    fold.weights.map((weight, k) => ({
      step: attention.steps[k],
      weight,
      fold: foldOf(fold.foldId),
    }))
  );
  const mean = attention.mean.map((weight, k) => ({ step: attention.steps[k], weight }));
  const color = colorOf(metrics, model.label);
  const shape = attentionShape(attention.steps, attention.mean);
  const x = { field: "step", type: "quantitative", title: STEP_TITLE, axis: { tickMinStep: 1 } };
  const y = { field: "weight", type: "quantitative", title: "attention weight" };
  const rest = shape.total < 0.99
    ? ` The weights on input steps sum to ${formatNumber(shape.total, 3)}; the rest goes to ` +
      "positions that are not input steps (the query's own token or later steps)."
    : "";
  return {
    id,
    model: model.label,
    title: `${model.label}: attention over input steps`,
    caption: `Attention weight on each input step (${attentionBasis(explanation)}): thick ` +
      `line; thin lines are single folds; dashed line: uniform attention ` +
      `(${formatNumber(shape.uniform, 3)} per step). Weight piling up at step 0 means the ` +
      `model mostly looks at the latest bar.${rest}`,
    spec: chart(
      {
        layer: [
          {
            data: { values: [{ uniform: shape.uniform }] },
            mark: { type: "rule", strokeDash: [4, 4], color: "#888" },
            encoding: { y: { field: "uniform", type: "quantitative" } },
          },
          {
            data: { values: perFold },
            mark: { type: "line", strokeWidth: 1, opacity: 0.35, color },
            encoding: { x, y, detail: { field: "fold", type: "nominal" } },
          },
          {
            data: { values: mean },
            mark: {
              type: "line",
              strokeWidth: 2.5,
              color,
              point: { size: 20, color },
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

function importanceChart(
  model: ModelEvaluation,
  id: string,
  color: string,
): ChartDefinition | null {
  const rows = model.explanation?.variableImportance ?? [];
  const scale = model.explanation?.importanceScale ?? null;
  if (rows.length === 0 || scale === null) return null;
  const words = importanceWords(scale, rows.length);
  const groups = ["past", "future", "static"].filter((g) => rows.some((r) => r.group === g));
  const left: string[] = [];
  // One panel per input group, stacked (own data, so each panel lists only its inputs).
  const panel = (group: string) => {
    const all = rows.filter((r) => r.group === group);
    const shown = all.slice(0, CHART_TOP_INPUTS);
    if (shown.length < all.length) left.push(`${all.length - shown.length} ${group}`);
    const title = shown.length < all.length
      ? `${group} inputs (top ${shown.length} of ${all.length})`
      : `${group} inputs`;
    const y = { field: "name", type: "nominal", sort: null, title };
    return {
      data: { values: shown },
      width: 520,
      height: { step: 16 },
      layer: [
        {
          mark: { type: "bar", color },
          encoding: { y, x: { field: "mean", type: "quantitative", title: words.axis } },
        },
        {
          mark: { type: "rule", color: "#222" },
          encoding: { y, x: { field: "min", type: "quantitative" }, x2: { field: "max" } },
        },
      ],
    };
  };
  const panels = groups.map(panel);
  return {
    id,
    model: model.label,
    title: `${model.label}: ${words.name}`,
    caption: `Mean over folds per input (bar, largest first), with the range across folds ` +
      `(line). ${words.description}` +
      (left.length ? ` Not drawn: the smallest ${left.join(" and ")} inputs.` : ""),
    spec: chart({
      vconcat: panels,
      spacing: 14,
      // Shares of one total compare across groups: one axis; selection weights do not.
      resolve: { scale: { x: scale === "all-inputs" ? "shared" : "independent" } },
    }),
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
  const sums = heads.flat().map((head) => head.reduce((a, w) => a + w, 0));
  const [low, high] = [Math.min(...sums), Math.max(...sums)].map((x) => formatNumber(x, 2));
  return {
    id,
    model: model.label,
    title: `${model.label}: attention by layer and head`,
    caption: "Attention of the classification ([CLS]) token to each input step, per layer " +
      "and head, averaged over test forecasts and folds. Darker is more attention; a row of " +
      `one even colour is a head that spreads its attention uniformly. Each row sums to ${
        low === high ? low : `${low}–${high}`
      }${Number(high) < 0.99 ? "; the rest is the token's attention to itself" : ""}.`,
    spec: chart(
      {
        data: { values },
        mark: "rect",
        encoding: {
          x: { field: "step", type: "ordinal", title: STEP_TITLE, axis: { labelAngle: 0 } },
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
      attentionChart(metrics, model, `attention-${base}`),
      importanceChart(model, `importance-${base}`, colorOf(metrics, model.label)),
      headChart(model, `attention-heads-${base}`),
    ].filter((c): c is ChartDefinition => c !== null);
  });
}
