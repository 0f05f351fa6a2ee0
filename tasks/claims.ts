/**
 * The claims audit's collector: every claim pipeline ends in a node whose output is a
 * `ClaimSummary`; this evaluate node takes them as named inputs (any names), validates each,
 * sorts them by claim number and hands the report an evaluation whose `claims` field the
 * "claims" section renders.
 */
import type {} from "../evaluation/claims/claims_evaluation.ts";
import { z } from "zod";
import { defineTask } from "../engine/task.ts";
import { type ClaimSummary, parseClaimSummary } from "../evaluation/claims/claim_row.ts";
import { EVALUATION_SCHEMA, type EvaluationMetrics } from "../evaluation/evaluation.ts";
import { DEFAULT_SETTINGS } from "../evaluation/settings.ts";

export const collectClaims = defineTask({
  name: "evaluate.claims",
  kind: "evaluate",
  module: import.meta.url,
  params: z.object({}).strict(),
  run: (inputs: Record<string, ClaimSummary>, _params, ctx): EvaluationMetrics => {
    const entries = Object.entries(inputs);
    if (entries.length === 0) {
      throw new Error(`${ctx.nodeId}: no claims; pass each claim's summary node as an input`);
    }
    const claims = entries.map(([name, value]) => {
      try {
        return parseClaimSummary(value);
      } catch (error) {
        throw new Error(
          `${ctx.nodeId}: input "${name}" is not a claim summary: ${(error as Error).message}`,
        );
      }
    }).sort((a, b) => a.claim - b.claim);
    const twice = claims.find((c, i) => i > 0 && claims[i - 1].claim === c.claim);
    if (twice) throw new Error(`${ctx.nodeId}: claim ${twice.claim} is given twice; keep one`);
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
