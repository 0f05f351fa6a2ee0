/**
 * Claims audit, claim 4: same-day features. A published Mamba stock model fed the day's own
 * open, high, low and market value into a same-day return target; those parts are known only
 * when the day is over. The feature stage rejects any feature not observed strictly before
 * its target (`data/features/timing.ts`), so the published pattern runs only with the
 * explicit `asPublished.sameDayFeatures` option, flagged as a leak. Both designs are scored
 * by the same ridge regression on the same test days, beside always-long.
 *
 * `declareSameDayClaim(p)` declares the nodes (ids prefixed `sd-`) on any builder, so the
 * combined claims report can declare every claim at once.
 */
import { type NodeRef, pipeline, type PipelineBuilder } from "../../engine/mod.ts";
import { fetchPrices } from "../../tasks/fetch.ts";
import { buildSameDayDesign } from "../../tasks/claims/same_day_design.ts";
import { sameDaySummary, scoreSameDay } from "../../tasks/claims/same_day_score.ts";
import type { BarPart } from "../../data/features/bar_parts.ts";
import { STUDY_END } from "../studies/market_data.ts";
import type { ClaimSummary } from "../../evaluation/claims/claim_row.ts";

/** The published inputs: the target day's own open, high, low and traded value. */
export const PUBLISHED_PARTS: BarPart[] = ["open", "high", "low", "value"];

export interface SameDayClaimOptions {
  /** First target date (default 2008-01-01: the index's open is a real print from ~2007). */
  from?: string;
  /** Last training date; the test period runs from the next day to the data's end. */
  trainEnd?: string;
}

export function declareSameDayClaim(
  p: PipelineBuilder,
  options: SameDayClaimOptions = {},
): NodeRef<ClaimSummary> {
  const from = options.from ?? "2008-01-01";
  const spx = p.fetch("sd-spx", fetchPrices, {
    symbol: "^GSPC",
    start: "2007-06-01",
    end: STUDY_END,
  });
  const published = p.feature("sd-as-published", buildSameDayDesign, {
    features: PUBLISHED_PARTS.map((part) => ({ part, lag: 0 })),
    from,
    asPublished: { sameDayFeatures: true },
  }, { spx });
  const leakFree = p.feature("sd-leak-free", buildSameDayDesign, {
    features: PUBLISHED_PARTS.map((part) => ({ part, lag: 1 })),
    from,
  }, { spx });
  const scores = p.evaluate("sd-scores", scoreSameDay, {
    trainEnd: options.trainEnd ?? "2018-12-31",
  }, { published, leakFree });
  return p.node("sd-claim", {
    kind: "claim",
    task: sameDaySummary,
    params: {},
    inputs: { scores },
  });
}

export default pipeline({
  name: "claims/same-day-features",
  seed: 7,
  description: "Claim 4: same-day open/high/low/value features as published (a leak) and " +
    "lagged one day, beside always-long",
}, (p) => {
  declareSameDayClaim(p);
});
