/**
 * Claim 2's summary row (claims audit) from the pairs design and the backtests of every
 * hedge-ratio estimator, against buy-and-hold on the same days.
 */
import { z } from "zod";
import { defineTask, type Gathered } from "../../engine/task.ts";
import type { PairDesign } from "../../models/pairs/pair_design.ts";
import type { PairsBacktest } from "../../models/pairs/pairs_backtest.ts";
import { pairsClaim } from "../../evaluation/claims/pairs_claim.ts";
import type { ClaimSummary } from "../../evaluation/claims/claim_row.ts";

export const pairsClaimParams = z.object({
  reps: z.number().int().min(100).max(20000).default(1000),
  meanBlock: z.number().min(1).default(10),
  level: z.number().gt(0).lt(1).default(0.95),
}).strict();

export const pairsClaimSummary = defineTask({
  name: "claim.pairs-trading",
  kind: "claim",
  module: import.meta.url,
  seeded: true,
  headline: true,
  params: pairsClaimParams,
  inputs: { design: "required", backtests: "required" },
  run: (
    { design, backtests }: { design: PairDesign; backtests: Gathered<PairsBacktest> },
    params,
    ctx,
  ): ClaimSummary => {
    const bad = backtests.find((b) => b.value?.kind !== "pairs-backtest");
    if (bad) throw new Error(`${ctx.nodeId}: gathered input ${bad.id} is not a pairs backtest`);
    const { summary, rows } = pairsClaim(design, backtests.map((b) => b.value), {
      ...params,
      seed: ctx.seed,
    });
    for (const [estimator, row] of Object.entries(rows)) {
      ctx.metric(`${estimator}.sharpe`, row.estimate.value);
      ctx.metric(`${estimator}.annual_return`, row.annualReturn);
    }
    ctx.metric("buy_and_hold.sharpe", summary.baseline.estimate.value);
    return summary;
  },
});
