/**
 * The report's "Volatility forecasts" section: for each model whose forecasts carry a
 * variance (GARCH), how its step-1 variance forecasts fared on the test rows. Absent when no
 * model forecasts a variance.
 */
import type { EvaluationMetrics, ModelEvaluation } from "../../evaluation/evaluation.ts";
import { formatNumber, formatPercent } from "../format.ts";
import { volatilityVerdict } from "../collapse_words.ts";
import { htmlTable } from "../html/table.ts";
import type { VolatilityScore } from "../../evaluation/volatility.ts";
import { volatilityChart } from "../charts/volatility_charts.ts";
import type { ReportSection } from "./section.ts";

const INTRO = "Step-1 variance forecasts σ̂² on the test rows, pooled over folds, against the " +
  "squared deviation e² of the realised return from the point forecast. QLIKE = log σ̂² + " +
  "e²/σ̂², averaged (lower is better); the benchmark is the best constant variance in " +
  "hindsight (mean e² over the same rows). Coverage: share of returns within the point " +
  "forecast ± 1.96 σ̂ (95% expected for calibrated Gaussian forecasts).";

function scored(metrics: EvaluationMetrics): Array<[ModelEvaluation, VolatilityScore]> {
  // Metrics cached before volatility scores existed have none: no section.
  return metrics.models.flatMap((m) => (m.volatility ? [[m, m.volatility]] : []));
}

function per(metrics: EvaluationMetrics): string {
  return metrics.frequency === "weekly" ? "week" : "day";
}

export function volatilityMarkdown(metrics: EvaluationMetrics): string[] {
  const models = scored(metrics);
  if (!models.length) return [];
  const lines = models.map(([m, v]) =>
    `- **${m.label}** (${v.rows} rows): forecast volatility ${formatPercent(v.forecastVol, 2)} ` +
    `a ${per(metrics)} against ${formatPercent(v.realisedVol, 2)} realised; correlation of ` +
    `σ̂² with e² ${formatNumber(v.correlation, 2)}; ${formatPercent(v.coverage95)} of ` +
    `returns within ± 1.96 σ̂; QLIKE ${formatNumber(v.qlike, 3)} against ` +
    `${formatNumber(v.qlikeConstant, 3)} for the best constant variance: ` +
    `${volatilityVerdict(v)}.`
  );
  return ["## Volatility forecasts", INTRO, lines.join("\n")];
}

export function volatilityHtml(metrics: EvaluationMetrics): string | null {
  const models = scored(metrics);
  if (!models.length) return null;
  return htmlTable({
    caption: INTRO,
    header: [
      "model",
      "rows",
      `forecast vol. / ${per(metrics)}`,
      `realised vol. / ${per(metrics)}`,
      "corr(σ̂², e²)",
      "within ± 1.96 σ̂",
      "QLIKE",
      "QLIKE, best constant",
      "verdict",
    ],
    rows: models.map(([m, v]) => [
      m.label,
      String(v.rows),
      formatPercent(v.forecastVol, 2),
      formatPercent(v.realisedVol, 2),
      formatNumber(v.correlation, 2),
      formatPercent(v.coverage95),
      formatNumber(v.qlike, 3),
      formatNumber(v.qlikeConstant, 3),
      volatilityVerdict(v) === "beats a constant"
        ? { text: volatilityVerdict(v), flag: "good" }
        : { text: volatilityVerdict(v), flag: "bad" },
    ]),
  });
}

export const volatilitySection: ReportSection = {
  id: "volatility",
  title: "Volatility forecasts",
  charts: (metrics) => [volatilityChart(metrics)],
  html: ({ metrics, figures }) => [volatilityHtml(metrics), figures()],
  markdown: ({ metrics }) => volatilityMarkdown(metrics),
};
