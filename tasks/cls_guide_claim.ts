/**
 * Claim 5's summary row (claims audit) from the as-published and leak-free runs of the
 * CLS-Transformer guide's protocol (`tasks/cls_guide_run.ts`).
 */
import { z } from "zod";
import { defineTask, type Gathered } from "../engine/task.ts";
import { clsGuideClaim, type GuideRunResult } from "../evaluation/claims/cls_guide_claim.ts";
import type { ClaimSummary } from "../evaluation/claims/claim_row.ts";

export const clsGuideClaimParams = z.object({
  reps: z.number().int().min(100).max(20000).default(1000),
  meanBlock: z.number().min(1).default(10),
  level: z.number().gt(0).lt(1).default(0.95),
}).strict();

export const clsGuideClaimSummary = defineTask({
  name: "claim.cls-guide",
  kind: "claim",
  module: import.meta.url,
  seeded: true,
  headline: true,
  params: clsGuideClaimParams,
  inputs: { runs: "required" },
  run: ({ runs }: { runs: Gathered<GuideRunResult> }, params, ctx): ClaimSummary => {
    const find = (label: string) => {
      const run = runs.find((r) => Object.values(r.coords).includes(label));
      if (run?.value?.kind !== "cls-guide-run") {
        throw new Error(
          `${ctx.nodeId}: no "${label}" run among ${runs.map((r) => r.id).join(", ")}; ` +
            'gather a cls-guide run sweep labelled "as-published" and "leak-free"',
        );
      }
      return run.value;
    };
    const summary = clsGuideClaim(find("as-published"), find("leak-free"), {
      ...params,
      seed: ctx.seed,
    });
    ctx.metric("as_published.sharpe", summary.asPublished!.value);
    ctx.metric("leak_free.sharpe", summary.leakFree!.value);
    return summary;
  },
});
