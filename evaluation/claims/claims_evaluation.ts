/**
 * The claims audit's field of an evaluation: `claims`, the ClaimSummary rows the collector
 * (`tasks/claims/collect.ts`) gathers and the "claims" report section renders, in claim order.
 *
 * Declared here as an augmentation of `EvaluationMetrics` rather than in `evaluation.ts`:
 * every evaluate node's cache key hashes `evaluation.ts`, so editing it would recompute the
 * evaluate and report nodes of every pipeline for a field that only the claims audit uses.
 * Modules that read the field import this one (a type-only import suffices).
 */
import type { ClaimSummary } from "./claim_row.ts";

declare module "../evaluation.ts" {
  interface EvaluationMetrics {
    /** Rows of the claims audit, in claim order (absent in every other evaluation). */
    claims?: ClaimSummary[];
  }
}

export type { ClaimSummary };
