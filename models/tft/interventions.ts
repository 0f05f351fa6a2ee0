/**
 * The TFT's optional interventions against output collapse (the reference study's
 * experiment program, issue 12), as zod schemas. Each is off when absent, so a config that
 * does not name it parses to exactly what it parsed to before they existed (same stored
 * config, same forecasts); inside an intervention every field has a documented default.
 */
import { z } from "zod";
import { regimeRuleSchema } from "./origin_regime.ts";

/** Penalties added to the training loss (`models/tf/anti_collapse.ts`). */
export const antiCollapseSchema = z.object({
  /** Floor on the batch std of the forecasts, as a fraction of the targets' batch std. */
  stdFloor: z.number().min(0).max(10).default(0.5),
  /** Weight of the spread-floor penalty; 0 = off. */
  stdWeight: z.number().min(0).default(0),
  /** Weight of the directional-balance penalty on mean tanh(k·ŷ); 0 = off. */
  balanceWeight: z.number().min(0).default(0),
  /** k of the balance penalty, in training-space units (standardised returns by default). */
  balanceSharpness: z.number().gt(0).default(10),
}).strict();

export type AntiCollapseOptions = z.infer<typeof antiCollapseSchema>;

/**
 * Regime-aware attention: learned gates per (regime, head) on the attention heads, the
 * regime read from a past feature's raw value at the origin (VIX ≥ 25 by default; a
 * yield-curve regime is `{ feature: "spread_2s10s", thresholds: [0] }`).
 */
export const regimeAttentionSchema = regimeRuleSchema;
