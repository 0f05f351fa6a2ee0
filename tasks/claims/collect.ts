/**
 * The claims audit's collector: every claim pipeline ends in a node whose output is a
 * `ClaimSummary`; this evaluate node takes claim n's as input `claim<n>` (each optional, so a
 * report shows the claims it declares), checks that each is the claim its input names, and
 * hands the report an evaluation, in claim order, whose `claims` field the "claims" section
 * renders.
 */
import type {} from "../../evaluation/claims/claims_evaluation.ts";
import { z } from "zod";
import { defineTask } from "../../engine/task.ts";
import { type ClaimSummary, parseClaimSummary } from "../../evaluation/claims/claim_row.ts";
import { EVALUATION_SCHEMA, type EvaluationMetrics } from "../../evaluation/evaluation.ts";
import { DEFAULT_SETTINGS } from "../../evaluation/settings.ts";

/** One input per claim of the audit (issue 16 lists five), by claim number. */
export interface ClaimInputs {
  claim1?: ClaimSummary;
  claim2?: ClaimSummary;
  claim3?: ClaimSummary;
  claim4?: ClaimSummary;
  claim5?: ClaimSummary;
}

export const collectClaims = defineTask({
  name: "evaluate.claims",
  kind: "evaluate",
  module: import.meta.url,
  params: z.object({}).strict(),
  inputs: {
    claim1: "optional",
    claim2: "optional",
    claim3: "optional",
    claim4: "optional",
    claim5: "optional",
  },
  run: (inputs: ClaimInputs, _params, ctx): EvaluationMetrics => {
    const entries = Object.entries(inputs).filter(([, value]) => value !== undefined);
    if (entries.length === 0) {
      throw new Error(`${ctx.nodeId}: no claims; pass each claim's summary node as an input`);
    }
    const claims = entries.map(([name, value]) => {
      let claim: ClaimSummary;
      try {
        claim = parseClaimSummary(value);
      } catch (error) {
        throw new Error(
          `${ctx.nodeId}: input "${name}" is not a claim summary: ${(error as Error).message}`,
        );
      }
      if (name !== `claim${claim.claim}`) {
        throw new Error(
          `${ctx.nodeId}: input "${name}" holds claim ${claim.claim}; pass it as ` +
            `"claim${claim.claim}"`,
        );
      }
      return claim;
    }).sort((a, b) => a.claim - b.claim);
    for (const c of claims) {
      if (c.leakFree) ctx.metric(`claim${c.claim}.leak_free`, c.leakFree.value);
    }
    return {
      schema: EVALUATION_SCHEMA,
      frequency: "daily",
      horizon: 1,
      periodsPerYear: 252,
      settings: { ...DEFAULT_SETTINGS, comparisons: [] },
      folds: [],
      models: [],
      warnings: [],
      series: [],
      claims,
    };
  },
});
