/**
 * Claim 5's summary row (claims audit) from the as-published and leak-free runs of the
 * CLS-Transformer guide's protocol (`tasks/claims/cls_guide_run.ts`).
 */
import { z } from "zod";
import { defineTask, type Gathered } from "../../engine/task.ts";
import { clsGuideClaim, type GuideRunResult } from "../../evaluation/claims/cls_guide_claim.ts";
import type { ClaimSummary } from "../../evaluation/claims/claim_row.ts";
import type { GuideBaselineScores } from "../../models/cls_guide/baselines.ts";

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
  inputs: { runs: "required", baselines: "optional" },
  run: (
    { runs, baselines }: {
      runs: Gathered<GuideRunResult>;
      baselines?: Gathered<GuideBaselineScores>;
    },
    params,
    ctx,
  ): ClaimSummary => {
    const find = <T extends { kind: string }>(set: Gathered<T>, label: string, kind: string) => {
      const run = set.find((r) => Object.values(r.coords).includes(label));
      if (run?.value?.kind !== kind) {
        throw new Error(
          `${ctx.nodeId}: no "${label}" ${kind} among ${set.map((r) => r.id).join(", ")}; ` +
            'gather a sweep labelled "as-published" and "leak-free"',
        );
      }
      return run.value;
    };
    const run = (label: string) => find(runs, label, "cls-guide-run");
    const summary = clsGuideClaim(
      run("as-published"),
      run("leak-free"),
      {
        ...params,
        seed: ctx.seed,
      },
      baselines && {
        published: find(baselines, "as-published", "cls-guide-baselines"),
        leakFree: find(baselines, "leak-free", "cls-guide-baselines"),
      },
    );
    ctx.metric("as_published.sharpe", summary.asPublished!.value);
    ctx.metric("leak_free.sharpe", summary.leakFree!.value);
    return summary;
  },
});
