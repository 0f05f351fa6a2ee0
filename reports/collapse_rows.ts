/**
 * The collapse-diagnostics table as rows of text, shared by `index.html` and
 * `summary.md`: does each model's output spread out like the returns, or sit near a
 * constant that calls one direction (always-long in disguise)?
 */
import { isBenchmark } from "../evaluation/benchmark.ts";
import type { CorrelationTest } from "../evaluation/stats/correlation.ts";
import type { EvaluationMetrics, ModelEvaluation } from "../evaluation/evaluation.ts";
import { type Estimate, formatNumber, formatP, formatPercent, MISSING } from "./format.ts";

export interface CollapseRow {
  model: ModelEvaluation;
  /** The pattern in words; "by construction" for the benchmark. */
  pattern: string;
  cells: Array<string | Estimate>;
}

/** What the collapse table's columns measure: the caption of `index.html` and `summary.md`. */
export const COLLAPSE_NOTE = "Step-1 test rows pooled over folds: share of up calls against " +
  "the share of up moves, prediction std against realised std. A model departs from " +
  "always-long exactly on its down calls (share and count); right on down calls = share of " +
  "them followed by a move that was not up (above 50% gains on always-long).";

/** The pattern of a variance forecaster whose point forecast (a fitted mean) barely moves. */
export const VOLATILITY_PATTERN = "volatility model";

/** Collapsed as a direction model, but judged on its variance forecasts (GARCH). */
export function judgedOnVolatility(model: ModelEvaluation): boolean {
  return model.collapse.collapsed && Boolean(model.volatility);
}

export const COLLAPSE_HEADER = [
  "model",
  "pattern",
  "up calls",
  "up moves",
  "pred. std",
  "real. std",
  "std ratio",
  "down calls",
  "right on down calls",
  "val. up calls, epoch 1 → kept",
  "val. std ratio, epoch 1 → kept",
  "r(val. loss, val. DA)",
  "within folds",
];

function correlation(test: CorrelationTest | null): Estimate {
  return test
    ? { value: formatNumber(test.r, 2), detail: `(p ${formatP(test.pValue)})` }
    : { value: MISSING, detail: MISSING };
}

function drift(first: number | null, kept: number | null, format: (x: number) => string) {
  return first === null || kept === null ? MISSING : `${format(first)} → ${format(kept)}`;
}

export function collapseRows(metrics: EvaluationMetrics): CollapseRow[] {
  return metrics.models.map((m) => {
    const c = m.collapse;
    const p = m.pooled;
    const benchmark = isBenchmark(metrics.settings, m);
    const t = c.training;
    const departures = c.departures.share === null
      ? MISSING
      : `${formatPercent(c.departures.share)} (${c.departures.rows})`;
    return {
      model: m,
      pattern: benchmark
        ? "by construction"
        : judgedOnVolatility(m)
        ? VOLATILITY_PATTERN
        : c.pattern,
      cells: [
        formatPercent(p.shareLong),
        formatPercent(p.baseRate),
        formatPercent(p.predictionStd, 2),
        formatPercent(p.actualStd, 2),
        formatNumber(p.stdRatio, 2),
        departures,
        formatPercent(c.departures.hitRate),
        drift(t?.firstShareLong ?? null, t?.keptShareLong ?? null, (x) => formatPercent(x, 0)),
        drift(t?.firstStdRatio ?? null, t?.keptStdRatio ?? null, (x) => formatNumber(x, 2)),
        correlation(c.lossVsDa),
        correlation(c.lossVsDaWithinFold),
      ],
    };
  });
}
