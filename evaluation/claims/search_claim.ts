/**
 * Claim 3's row of the claims audit, from the model search's summary: as published, the model
 * that scored best on the test days (picked on them: the count of models tried is ignored);
 * leak-free, the model picked on the validation window, scored on the test days; always-long
 * on the same days. Accuracy intervals are the binomial normal approximation
 * p ± 1.96·√(p(1 − p)/n); the snooping-adjusted p-values are in the verdict.
 */
import type { ModelSearchSummary } from "../model_search/summary.ts";
import { type ClaimSummary, type Estimate, parseClaimSummary } from "./claim_row.ts";

export const SEARCH_PUBLISHED = "of over 1,000,000 nonlinear models, none predicted daily " +
  "direction out of sample";

export const SEARCH_SNOOPING = "the best of all models picked on the test days themselves " +
  "(data snooping: the number of models tried is not counted)";

function accuracy(value: number, rows: number, departures: string[]): Estimate {
  const half = 1.96 * Math.sqrt(value * (1 - value) / rows);
  return {
    value,
    low: Math.max(0, value - half),
    high: Math.min(1, value + half),
    rows,
    pValue: null,
    departures,
  };
}

export function searchClaim(s: ModelSearchSummary): ClaimSummary {
  const rows = s.testRows;
  const picked = s.bestInSample[0];
  return parseClaimSummary({
    kind: "claim-summary",
    claim: 3,
    title: "A million models",
    source: "the “million models” finding cited in source 003 (daily S&P 500 direction)",
    metric: `out-of-sample direction accuracy, ${s.testSpan[0]}..${s.testSpan[1]}, ` +
      `${s.models} models searched; binomial 95% intervals`,
    published: SEARCH_PUBLISHED,
    asPublished: accuracy(s.bestOutOfSample.testAccuracy, rows, [SEARCH_SNOOPING]),
    leakFree: accuracy(picked.testAccuracy, rows, []),
    baseline: { name: "always-long", estimate: accuracy(s.alwaysLong.testAccuracy, rows, []) },
    verdict: s.verdict,
  });
}
