/**
 * The macro-regime dashboard (the source's four panels), from the point-in-time study
 * when there is one: the recent score with its fair value and the ensemble's 30-day cone;
 * each model's 30-day path; the ensemble's interval width split into the models' weighted σ
 * and their capped disagreement; MAE and 95% coverage by horizon, ours (both timings)
 * beside the source's.
 */
import type { MacroRegimeEvaluation } from "../../evaluation/macro_regime/evaluation.ts";
import type { TimingStudy } from "../../evaluation/macro_regime/study.ts";
import { isoDate, isoDay } from "../../data/dates.ts";
import type { ChartDefinition } from "./definition.ts";
import { DATE_AXIS } from "./series_charts.ts";
import { chart } from "./theme.ts";

const main = (e: MacroRegimeEvaluation): TimingStudy => e.studies[0];
const SCORE_AXIS = { title: "regime score", scale: { domain: [-5.5, 5.5] } };

export function historyConeChart(e: MacroRegimeEvaluation): ChartDefinition {
  const s = main(e);
  const history = s.recent.days.flatMap((date, i) => [
    { date, series: "score", value: s.recent.score[i] },
    { date, series: "fair value", value: s.recent.fairValue[i] },
  ]).filter((r) => Number.isFinite(r.value));
  const start = isoDay(s.cone.origin);
  const cone = s.cone.steps.map((t, i) => ({
    date: isoDate(start + t),
    mean: s.cone.models.ensemble.mean[i],
    lower: s.cone.models.ensemble.lower[i],
    upper: s.cone.models.ensemble.upper[i],
  }));
  return {
    id: "macro-regime-history",
    title: `Regime score (${s.timing}) and the ensemble's 30-day forecast`,
    caption: `The daily score and its fair value (the reversion model's target) over the last ` +
      `${s.recent.days.length} days, then the 70/30 ensemble's mean and 95% interval for the ` +
      `30 days after ${s.cone.origin}.`,
    spec: chart({
      layer: [
        {
          data: { values: cone },
          mark: { type: "area", opacity: 0.25, color: "#4c78a8" },
          encoding: {
            x: { ...DATE_AXIS, field: "date" },
            y: { field: "lower", type: "quantitative", ...SCORE_AXIS },
            y2: { field: "upper" },
          },
        },
        {
          data: { values: cone },
          mark: { type: "line", strokeDash: [4, 3], color: "#4c78a8" },
          encoding: { x: { ...DATE_AXIS }, y: { field: "mean", type: "quantitative" } },
        },
        {
          data: { values: history },
          mark: { type: "line", interpolate: "step-after" },
          encoding: {
            x: { ...DATE_AXIS },
            y: { field: "value", type: "quantitative", ...SCORE_AXIS },
            color: { field: "series", type: "nominal", title: null },
          },
        },
      ],
    }),
  };
}

export function modelSignalsChart(e: MacroRegimeEvaluation): ChartDefinition {
  const s = main(e);
  const values = Object.entries(s.cone.models).flatMap(([model, p]) =>
    s.cone.steps.map((day, i) => ({ day, model, mean: p.mean[i] }))
  );
  return {
    id: "macro-regime-models",
    title: "Each model's 30-day path from the latest day",
    caption: `From a score of ${s.cone.current} on ${s.cone.origin}: reversion toward the fair ` +
      "value, momentum's decaying trend, the (excluded) transition model and the ensemble.",
    spec: chart(
      {
        data: { values },
        mark: { type: "line" },
        encoding: {
          x: { field: "day", type: "quantitative", title: "days ahead" },
          y: { field: "mean", type: "quantitative", title: "forecast score" },
          color: { field: "model", type: "nominal", title: null },
        },
      },
      640,
      220,
    ),
  };
}

export function widthDecompositionChart(e: MacroRegimeEvaluation): ChartDefinition {
  const s = main(e);
  const values = s.cone.steps.flatMap((day, i) => [
    { day, part: "weighted model σ", sigma: s.cone.weightedStd[i] },
    { day, part: "capped disagreement", sigma: s.cone.disagreement[i] },
  ]);
  return {
    id: "macro-regime-width",
    title: "What the ensemble's interval is made of",
    caption: "σ² = (weighted σ of the two models)² + (their disagreement, capped at 1.5)²; " +
      "the 95% interval is ±1.96σ.",
    spec: chart(
      {
        data: { values },
        mark: { type: "line" },
        encoding: {
          x: { field: "day", type: "quantitative", title: "days ahead" },
          y: { field: "sigma", type: "quantitative", title: "σ (score points)" },
          color: { field: "part", type: "nominal", title: null },
        },
      },
      640,
      200,
    ),
  };
}

export function horizonChart(e: MacroRegimeEvaluation): ChartDefinition {
  const values = [
    ...e.source.flatMap((s) => [
      { horizon: s.horizon, who: "source", metric: "MAE", value: s.mae },
      { horizon: s.horizon, who: "source", metric: "95% coverage", value: s.coverage },
    ]),
    ...e.studies.flatMap((st) =>
      st.horizons.flatMap((h) => [
        { horizon: h.horizon, who: st.timing, metric: "MAE", value: h.models.ensemble.mae },
        {
          horizon: h.horizon,
          who: st.timing,
          metric: "95% coverage",
          value: h.models.ensemble.coverage,
        },
        { horizon: h.horizon, who: "no change", metric: "MAE", value: h.models["no-change"].mae },
      ])
    ),
  ].filter((v, i, all) =>
    all.findIndex((w) => w.horizon === v.horizon && w.who === v.who && w.metric === v.metric) ===
      i
  );
  return {
    id: "macro-regime-horizons",
    title: "Ensemble MAE and 95% coverage by horizon",
    caption: "The source's published numbers beside ours as published and point in time " +
      "(no change: the naive forecast's MAE, point in time when both timings ran).",
    spec: chart({
      data: { values },
      facet: { column: { field: "metric", type: "nominal", title: null } },
      resolve: { scale: { y: "independent" } },
      spec: {
        width: 280,
        height: 200,
        mark: { type: "line", point: true },
        encoding: {
          x: { field: "horizon", type: "ordinal", title: "horizon (days)" },
          y: { field: "value", type: "quantitative", title: null },
          color: { field: "who", type: "nominal", title: null },
        },
      },
    }),
  };
}

export function macroRegimeCharts(e: MacroRegimeEvaluation | undefined): ChartDefinition[] {
  if (!e || e.studies.length === 0) return [];
  return [historyConeChart(e), modelSignalsChart(e), widthDecompositionChart(e), horizonChart(e)];
}
