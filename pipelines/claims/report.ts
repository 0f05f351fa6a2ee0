/**
 * The claims audit in one report: every claim pipeline under `pipelines/claims/` declared
 * through its `declare…Claim(p)` function, each ending in a ClaimSummary node, gathered by
 * one collector into the "claims" section — per claim the published number, our run as
 * published (leaks flagged red), our leak-free run, the baseline on the same rows, each with
 * its interval, and a one-sentence verdict.
 *
 * Node ids: each claim prefixes its own (`pairs-…`, `cls-…`), except claim 3, which keeps the
 * ids `claims/million-models` always had (ids enter cache keys) and adds `million-claim`. The
 * loader rejects a repeated id, so a clash fails when this file loads. Adding a claim is one
 * line in `CLAIMS` below; the seed is the claim pipelines' (7), so their nodes stay cached.
 */
import { type NodeRef, pipeline, type PipelineBuilder } from "../../engine/mod.ts";
import { type ClaimInputs, collectClaims } from "../../tasks/claims/collect.ts";
import { renderReport } from "../../tasks/report.ts";
import type { ClaimSummary } from "../../evaluation/claims/claim_row.ts";
import { declareWaveletLstmClaim } from "./wavelet-lstm.ts";
import { declarePairsTradingClaim } from "./pairs-trading.ts";
import { declareMillionModelsClaim } from "./million-models.ts";
import { declareSameDayClaim } from "./same-day-features.ts";
import { declareClsGuideClaim } from "./cls-guide.ts";

/** Each claim's declare function, by the collector's input for its claim number. */
export const CLAIMS: { [K in keyof ClaimInputs]: (p: PipelineBuilder) => NodeRef<ClaimSummary> } = {
  claim1: (p) => declareWaveletLstmClaim(p),
  claim2: (p) => declarePairsTradingClaim(p),
  claim3: (p) => declareMillionModelsClaim(p),
  claim4: (p) => declareSameDayClaim(p),
  claim5: (p) => declareClsGuideClaim(p),
};

export default pipeline({
  name: "claims/report",
  seed: 7,
  description: "Every audited claim side by side: published, as published (leaks flagged), " +
    "leak-free, and the baseline on the same rows, each with its interval",
}, (p) => {
  const claims = Object.fromEntries(
    Object.entries(CLAIMS).map(([input, declare]) => [input, declare!(p)]),
  );
  const metrics = p.evaluate("claims", collectClaims, {}, claims);
  p.report("claims-report", renderReport, {
    title: "Claims audit: published results re-run as published and leak-free",
    sections: ["claims", "run"],
  }, { metrics });
});
