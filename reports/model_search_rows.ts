/**
 * The tables of the model search (claims audit, claim 3), as text rows that the page and
 * `summary.md` share: the best in-sample picks against their out-of-sample scores, and the
 * snooping-adjusted significance.
 */
import type { ModelSearchSummary } from "../evaluation/model_search/summary.ts";
import {
  formatNumber,
  formatPercent,
  formatPoints,
  formatPointsInterval,
  MISSING,
} from "./format.ts";

export const PICK_HEADER = [
  "rank in-sample",
  "model",
  "validation excess",
  "test accuracy",
  "test excess",
  "95% CI",
  "test percentile",
  "Sharpe long/flat",
];

export function pickRows(s: ModelSearchSummary): string[][] {
  const rows = s.bestInSample.map((m, i) => [
    String(i + 1),
    m.name,
    formatPoints(m.validationExcess),
    formatPercent(m.testAccuracy),
    formatPoints(m.testExcess),
    formatPointsInterval(m.interval),
    formatPercent(m.testPercentile, 0),
    formatNumber(m.testSharpe, 2),
  ]);
  const best = s.bestOutOfSample;
  return [
    ...rows,
    [
      "best out of sample",
      best.name,
      formatPoints(best.validationExcess),
      formatPercent(best.testAccuracy),
      formatPoints(best.testExcess),
      formatPointsInterval(best.interval),
      formatPercent(best.testPercentile, 0),
      formatNumber(best.testSharpe, 2),
    ],
    [
      "always-long",
      "long every day",
      formatPoints(0),
      formatPercent(s.alwaysLong.testAccuracy),
      formatPoints(0),
      MISSING,
      MISSING,
      formatNumber(s.alwaysLong.testSharpe, 2),
    ],
  ];
}

export const SIGNIFICANCE_HEADER = ["test", "what it asks", "statistic", "p-value"];

const p = (value: number) => (value < 0.001 ? "< 0.001" : value.toFixed(3));

export function significanceRows(s: ModelSearchSummary): string[][] {
  const { realityCheck, spa } = s.snooping;
  const dsr = s.deflatedSharpe;
  const share = s.significance;
  const rows = [
    [
      "White's Reality Check",
      formatNumber(realityCheck.statistic, 2),
      p(realityCheck.pValue),
      `does the best of ${s.models} models beat always-long?`,
    ],
    [
      "Hansen's SPA (consistent)",
      formatNumber(spa.statistic, 2),
      p(spa.pValues.consistent),
      `the same, studentised; lower ${p(spa.pValues.lower)}, upper ${p(spa.pValues.upper)}`,
    ],
    [
      "deflated Sharpe ratio",
      dsr ? `${formatNumber(dsr.sharpe, 2)} vs ${formatNumber(dsr.threshold, 2)}` : MISSING,
      dsr ? p(1 - dsr.probability) : MISSING,
      dsr
        ? `is the best long/flat Sharpe above the luck of ${dsr.trials} trials (annualised)?`
        : "no strategy with a defined Sharpe ratio",
    ],
    [
      "models significant at 5%",
      formatPercent(share.raw),
      MISSING,
      `each model's own one-sided test; Holm ${formatPercent(share.holm)}, ` +
      `Benjamini–Hochberg ${formatPercent(share.benjaminiHochberg)}`,
    ],
  ];
  // Built as [test, statistic, p, question]; shown with the question second (text columns first).
  return rows.map(([test, statistic, pValue, question]) => [test, question, statistic, pValue]);
}

/** Which models the snooping tests single out. */
export function snoopingNote(s: ModelSearchSummary): string {
  const dsr = s.deflatedSharpe;
  return `Largest mean differential: ${s.snooping.realityCheckBest}` +
    (dsr ? `; best long/flat Sharpe: ${dsr.strategy}.` : ".");
}

/** One line on the search itself: how many models of each family, on which days. */
export function searchScope(s: ModelSearchSummary): string {
  const families = Object.entries(s.families).map(([f, n]) => `${n} ${f}`).join(", ");
  return `${s.models} models (${families}) fitted on ${s.trainSpan[0]}..${s.trainSpan[1]}, ` +
    `selected on ${s.validationSpan[0]}..${s.validationSpan[1]} and scored on ${s.testRows} ` +
    `test days ${s.testSpan[0]}..${s.testSpan[1]}, where always-long is right on ` +
    `${formatPercent(s.alwaysLong.testAccuracy)} of days. Median excess over always-long ` +
    `${formatPoints(s.excess.quantiles["0.5"])}, 5–95% range ` +
    `${formatPoints(s.excess.quantiles["0.05"])} to ${formatPoints(s.excess.quantiles["0.95"])}; ` +
    `${formatPercent(s.excess.shareAbove)} of models beat it. Strategies pay ` +
    `${formatNumber(s.costPerTrade * 1e4, 1)} bp per position change.`;
}
