/**
 * The report's "pretrained-volatility" section (issue 19): each fold's pretraining record
 * and the one-step variance forecasts of every model that makes them, scored against r² on
 * the same test rows (QLIKE, MSE, ±1.96σ̂ coverage) with Diebold–Mariano tests of QLIKE
 * against the study's reference models. Absent from evaluations without the study's results.
 */
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import type { VarianceScore } from "../../evaluation/pretrained/variance_scores.ts";
import { formatNumber, formatP, formatPercent } from "../format.ts";
import { htmlTable } from "../html/table.ts";
import { markdownTable } from "../markdown_tables.ts";
import type { ReportSection } from "./section.ts";

const INTRO = "One-step variance forecasts σ̂² on the test days, pooled over folds, every model " +
  "on the same days, scored against the squared return r²: QLIKE = log σ̂² + r²/σ̂² (lower is " +
  "better; robust to the noise of r²), MSE of σ̂² against r² (in units of 10⁻⁸), and the share " +
  "of returns inside ±1.96σ̂ (95% if calibrated and Gaussian). ΔQLIKE is the model's mean " +
  "QLIKE minus the reference's (negative: better), with the Diebold–Mariano p-value.";

function varianceTable(metrics: EvaluationMetrics) {
  const study = metrics.pretrained!;
  const refs = study.references.filter((r) => study.variance.some((v) => v.label === r));
  const header = [
    "model",
    "days",
    "forecast vol.",
    "realised vol.",
    "QLIKE",
    "MSE ×10⁸",
    "within ±1.96σ̂",
    ...refs.map((r) => `ΔQLIKE vs ${r} (p)`),
  ];
  const rows = [...study.variance].sort((a, b) => a.qlike - b.qlike).map((v) => [
    v.label,
    String(v.rows),
    formatPercent(v.forecastVol, 2),
    formatPercent(v.realisedVol, 2),
    formatNumber(v.qlike, 3),
    formatNumber(v.mse * 1e8, 2),
    formatPercent(v.coverage95),
    ...refs.map((r) =>
      v.against[r]
        ? `${formatNumber(v.against[r].meanDifference, 3)} (${formatP(v.against[r].pValue)})`
        : "—"
    ),
  ]);
  return { header, rows };
}

function pretrainingTable(metrics: EvaluationMetrics) {
  const header = [
    "test year",
    "series",
    "windows",
    "data",
    "steps",
    "loss, first → last",
    "left out",
  ];
  const rows = metrics.pretrained!.pretraining.map((p) => [
    String(p.testYear),
    String(p.series),
    String(p.windows),
    `${p.firstDate} … ${p.lastDate}`,
    String(p.steps),
    `${formatNumber(p.firstLoss, 3)} → ${formatNumber(p.lastLoss, 3)}`,
    p.excluded.map((e) => e.symbol).join(", "),
  ]);
  return { header, rows };
}

/** Plain words: the best QLIKE and how each reference fares, from the scores alone. */
export function varianceVerdict(metrics: EvaluationMetrics): string {
  const study = metrics.pretrained!;
  const best = [...study.variance].sort((a, b) => a.qlike - b.qlike)[0];
  const significant = (v: VarianceScore, ref: string) =>
    v.against[ref] && v.against[ref].pValue !== null && v.against[ref].pValue! < 0.05;
  const parts = study.references.filter((r) => study.variance.some((v) => v.label === r)).map(
    (ref) => {
      const better = study.variance.filter((v) =>
        v.against[ref]?.meanDifference < 0 && significant(v, ref)
      );
      const worse = study.variance.filter((v) =>
        v.against[ref]?.meanDifference > 0 && significant(v, ref)
      );
      return `against ${ref}: significantly better ${
        better.map((v) => v.label).join(", ") || "none"
      }, ` +
        `significantly worse ${worse.map((v) => v.label).join(", ") || "none"}`;
    },
  );
  return `Lowest QLIKE: **${best.label}** (${formatNumber(best.qlike, 3)}). ${
    parts.join("; ")
  } (5% level).`;
}

export const pretrainedVolatilitySection: ReportSection = {
  id: "pretrained-volatility",
  title: "Pretrained market model: volatility against GARCH",
  html: ({ metrics }) => {
    if (!metrics.pretrained) return [];
    const variance = varianceTable(metrics);
    const pretraining = pretrainingTable(metrics);
    return [
      `<p>${varianceVerdict(metrics).replaceAll("**", "")}</p>`,
      htmlTable({ caption: INTRO, header: variance.header, rows: variance.rows }),
      htmlTable({
        caption: "Pretraining per fold: series and windows of the corpus (the index held out, " +
          "nothing on or after 1 January of the test year), the pinball loss of the first and " +
          "last logging interval, and the series left out.",
        header: pretraining.header,
        rows: pretraining.rows,
      }),
    ];
  },
  markdown: ({ metrics }) => {
    if (!metrics.pretrained) return [];
    const variance = varianceTable(metrics);
    const pretraining = pretrainingTable(metrics);
    return [
      "## Pretrained market model: volatility against GARCH",
      INTRO,
      varianceVerdict(metrics),
      markdownTable(variance.header, variance.rows),
      "### Pretraining",
      markdownTable(pretraining.header, pretraining.rows),
    ];
  },
};
