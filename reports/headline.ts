/**
 * The headline table, shared by `summary.md` and `index.html`: one row per model with its
 * mean ± std accuracy across folds beside always-long's on the same rows, the pooled
 * accuracies and excess with their intervals, the tests, the share of up calls (how close
 * to always-long the model's calls are), and the long/flat Sharpe beside buy-and-hold's.
 */
import { isBenchmark } from "../evaluation/benchmark.ts";
import { ALWAYS_UP_CALLS } from "../evaluation/comparisons.ts";
import { excessEstimate } from "./breakdown_rows.ts";
import type { EvaluationMetrics, ModelEvaluation } from "../evaluation/evaluation.ts";
import {
  type Estimate,
  formatNumber,
  formatPercent,
  formatPercentInterval,
  formatPercentWithInterval,
  formatPValue,
  joinEstimate,
  MISSING,
} from "./format.ts";

export interface HeadlineRow {
  label: string;
  folds: string;
  da: string;
  alwaysLong: string;
  pooled: string;
  excess: string;
  dmP: string;
  ptP: string;
  upCalls: string;
  sharpe: string;
}

export const HEADLINE_COLUMNS: Array<[keyof HeadlineRow, string]> = [
  ["label", "model"],
  ["folds", "folds"],
  ["da", "DA (mean ± std over folds)"],
  ["alwaysLong", "always-long, same rows"],
  ["pooled", "pooled DA [CI] vs always-long [CI]"],
  ["excess", "excess [CI], pp"],
  ["dmP", "DM p"],
  ["ptP", "PT p"],
  ["upCalls", "up calls"],
  ["sharpe", "Sharpe long/flat (buy-and-hold)"],
];

/** Mean and "± std": "59.1%" and "± 8.0 pp". */
export function meanStdParts(mean: number | null, std: number | null): Estimate {
  return {
    value: formatPercent(mean),
    detail: `± ${formatNumber(std === null ? null : std * 100, 1)} pp`,
  };
}

/** Mean ± std as "59.1% ± 8.0 pp". */
export function meanStd(mean: number | null, std: number | null): string {
  const { value, detail } = meanStdParts(mean, std);
  return `${value} ${detail}`;
}

/** The step-1 directional DM test against always-long, if computed. */
export function dmAgainstAlwaysLong(model: ModelEvaluation) {
  return model.dieboldMariano.find(
    (d) => d.against === ALWAYS_UP_CALLS && d.loss === "directional" && d.step === 1,
  ) ?? null;
}

export function headlineRows(metrics: EvaluationMetrics): HeadlineRow[] {
  return metrics.models.map((m) => {
    const benchmark = isBenchmark(metrics.settings, m);
    const dm = dmAgainstAlwaysLong(m);
    return {
      label: m.label,
      folds: String(m.acrossFolds.folds),
      da: meanStd(m.acrossFolds.daMean, m.acrossFolds.daStd),
      alwaysLong: meanStd(m.acrossFolds.baseRateMean, m.acrossFolds.baseRateStd),
      pooled: `${formatPercentWithInterval(m.pooled.da, m.pooled.daCi)} vs ${
        formatPercentWithInterval(m.pooled.baseRate, m.pooled.baseRateCi)
      }`,
      excess: benchmark ? MISSING : joinEstimate(excessEstimate(m.pooled)),
      dmP: dm ? formatPValue(dm.pValue) : MISSING,
      ptP: formatPValue(m.pooled.pesaranTimmermann.pValue),
      upCalls: formatPercent(m.pooled.shareLong),
      sharpe: `${formatNumber(m.backtest.longFlat.sharpe, 2)} (${
        formatNumber(m.backtest.buyAndHold.sharpe, 2)
      })`,
    };
  });
}

/**
 * The headline table's cells for the page, each value with its interval or qualifier on a
 * second line, so the table fits a 1000 px page; the same numbers as `headlineRows`.
 */
export function headlineEstimates(
  metrics: EvaluationMetrics,
): Array<Record<keyof HeadlineRow, Estimate>> {
  const plain = (value: string): Estimate => ({ value, detail: MISSING });
  const rows = headlineRows(metrics);
  return metrics.models.map((m, i) => {
    const row = rows[i];
    const p = m.pooled;
    const bothCis = p.daCi && p.baseRateCi;
    return {
      ...(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])) as Record<
        keyof HeadlineRow,
        Estimate
      >),
      da: meanStdParts(m.acrossFolds.daMean, m.acrossFolds.daStd),
      alwaysLong: meanStdParts(m.acrossFolds.baseRateMean, m.acrossFolds.baseRateStd),
      pooled: {
        value: `${formatPercent(p.da)} vs ${formatPercent(p.baseRate)}`,
        detail: bothCis
          ? `${formatPercentInterval(p.daCi)} vs ${formatPercentInterval(p.baseRateCi)}`
          : MISSING,
      },
      excess: isBenchmark(metrics.settings, m) ? plain(MISSING) : excessEstimate(p),
      sharpe: {
        value: formatNumber(m.backtest.longFlat.sharpe, 2),
        detail: `(${formatNumber(m.backtest.buyAndHold.sharpe, 2)})`,
      },
    };
  });
}
