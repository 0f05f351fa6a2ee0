/**
 * Claim 3's summary row (claims audit) from the model search's evaluation. Its own module, so
 * that adding it left the search's evaluate node (`tasks/model_search_summary.ts`) cached.
 */
import { z } from "zod";
import { defineTask } from "../../engine/task.ts";
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import { searchClaim } from "../../evaluation/claims/search_claim.ts";
import type { ClaimSummary } from "../../evaluation/claims/claim_row.ts";

export const modelSearchClaim = defineTask({
  name: "claim.model-search",
  kind: "claim",
  module: import.meta.url,
  headline: true,
  params: z.object({}).strict(),
  inputs: { metrics: "required" },
  run: ({ metrics }: { metrics: EvaluationMetrics }, _params, ctx): ClaimSummary => {
    if (!metrics?.modelSearch) {
      throw new Error(
        `${ctx.nodeId}: input "metrics" has no model search; connect the evaluate node of ` +
          "summariseModelSearch",
      );
    }
    const claim = searchClaim(metrics.modelSearch);
    ctx.metric("claim3.leak_free", claim.leakFree!.value);
    ctx.metric("claim3.as_published", claim.asPublished!.value);
    return claim;
  },
});
