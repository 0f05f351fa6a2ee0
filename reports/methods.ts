/** How every number was computed, in plain words, for the report's "Method" section. */
import type { EvaluationMetrics } from "../evaluation/evaluation.ts";
import { ciPercent } from "./format.ts";
import { COLLAPSE_SHARE, COLLAPSE_STD_RATIO, NEAR_CONSTANT_SHARE } from "../evaluation/collapse.ts";
import { describePublication, type PublicationRule } from "../data/publication.ts";

function entryRule(threshold: number): string {
  if (threshold === 0) {
    return 'long/flat is long after an "up" call and flat otherwise; long/short is long ' +
      'after an "up" call and short after a "down" call.';
  }
  return `long/flat is long when the forecast exceeds ${threshold} and flat otherwise; ` +
    `long/short is also short when it is at or below −${threshold}.`;
}

/**
 * The publication timing of each macro series, one entry per series, e.g. "Publication
 * timing (no release dates in the source): CPIAUCSL — assumed, the 20th of the month after;
 * VIXCLS — assumed, 0 business days after the observation"; null when the evaluation did
 * not record it (no `features` input) or the features used no macro series.
 */
export function publicationNote(
  publication: Readonly<Record<string, PublicationRule>> | undefined,
): string | null {
  const ids = Object.keys(publication ?? {}).sort();
  if (!publication || ids.length === 0) return null;
  const entry = (id: string) => {
    const rule = publication[id];
    if (rule.rule === "release-dates") return `${id} — real release dates`;
    return `${id} — ${describePublication(id, rule).slice(id.length + 2)}`;
  };
  const assumed = ids.filter((id) => publication[id].rule !== "release-dates").length;
  const scope = assumed === ids.length
    ? " (no release dates in the source)"
    : assumed > 0
    ? " (assumed where the source has no release dates)"
    : "";
  return `Publication timing${scope}: ${ids.map(entry).join("; ")}.`;
}

export function methodNotes(metrics: EvaluationMetrics): string[] {
  const s = metrics.settings;
  const level = ciPercent(metrics);
  const block = s.blockLength === null
    ? "max(forecast step, round(n^(1/3))) rows"
    : `${s.blockLength} rows`;
  return [
    `Direction: a forecast > 0 calls "up" and ≤ 0 "down"; a realised return > 0 is "up". ` +
    `Scores use the step-1 forecasts unless a table says otherwise.`,
    `Always-long is scored on exactly the rows each model scored: its accuracy is the share ` +
    `of up moves among them (the base rate).`,
    `Intervals: ${level} percentile intervals from a paired moving-block bootstrap over the ` +
    `scored rows (circular blocks of ${block}, resampled within each fold, ${s.bootstrapReps} ` +
    `resamples, seed ${s.seed}); the model and always-long are scored on the same resampled ` +
    `rows, so the interval of the excess is paired, and every model draws the same ` +
    `resamples, so always-long's interval on the same rows is the same for all.`,
    `Mean ± std across folds: unweighted mean and sample standard deviation (n − 1) of the ` +
    `per-fold numbers; "pooled" scores all test rows of all folds together.`,
    `Pesaran–Timmermann: one-sided test (asymptotically normal) that direction calls beat ` +
    `independence with the same marginal frequencies; undefined when the forecasts never ` +
    `change direction.`,
    `Diebold–Mariano: loss differential model − benchmark with directional loss (1 for a ` +
    `wrong call) and squared error; long-run variance over h − 1 lags (uniform weights, ` +
    `Bartlett if not positive), Harvey–Leybourne–Newbold correction, two-sided Student t ` +
    `with n − 1 degrees of freedom. A negative statistic means the model's loss is lower.`,
    `Quantile forecasts: pinball loss averaged over levels; coverage and mean width of the ` +
    `central intervals formed by symmetric levels (e.g. 0.1 and 0.9 give 80%).`,
    `Backtests: at each close, take the position the step-1 forecast asks for and hold it to ` +
    `the next close; ${entryRule(s.backtest.threshold)} Each unit of position change costs ` +
    `${(s.backtest.costPerTrade * 100).toFixed(4).replace(/\.?0+$/, "")}% of capital. ` +
    `Sharpe = mean/std of bar returns × √${metrics.periodsPerYear}, no risk-free rate; ` +
    `maximum drawdown from the running peak of equity.`,
    `Collapse: flagged when a model calls the same direction on ≥ ${COLLAPSE_SHARE * 100}% of ` +
    `test rows or its prediction std is below ${COLLAPSE_STD_RATIO * 100}% of the realised ` +
    `std; short of that, "near always-long" (or always-short) when it calls one direction on ` +
    `≥ ${NEAR_CONSTANT_SHARE * 100}% of test rows. A model departs from always-long exactly on ` +
    `its down calls, so its excess over always-long is (share of down calls) × (2 × their hit ` +
    `rate − 1): departures help only when more than half of them are right.`,
    `Validation loss vs accuracy: Pearson correlation across the epochs of all folds, with ` +
    `its t-test p-value; the within-fold variant removes each fold's means first (a partial ` +
    `correlation controlling for the fold).`,
    ...[publicationNote(s.publication)].filter((note): note is string => note !== null),
  ];
}
