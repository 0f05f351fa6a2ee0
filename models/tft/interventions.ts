/**
 * The TFT's optional interventions against output collapse (the reference study's
 * experiment program, issue 12), as zod schemas. Each is off when absent, so a config that
 * does not name it parses to exactly what it parsed to before they existed (same stored
 * config, same forecasts); inside an intervention every field has a documented default.
 */
import { z } from "zod";
import { increasingThresholds, regimeRuleSchema } from "./origin_regime.ts";

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

/**
 * Regime-gated output: a mixture of experts in place of the output layer, routed by a
 * learned softmax (`experts` experts, with a load-balancing term) or by the regime at the
 * origin (`feature` against raw `thresholds`: thresholds + 1 experts).
 */
export const regimeOutputSchema = z.object({
  /** "learned": softmax router on the decoder state; "regime": the origin's regime. */
  routing: z.enum(["learned", "regime"]).default("learned"),
  /** Experts under learned routing (regime routing has one per regime). */
  experts: z.number().int().min(2).max(8).default(2),
  /** Regime routing: the past feature read at the origin (raw value). */
  feature: z.string().min(1).default("vix"),
  /** Regime routing: raw thresholds, increasing. */
  thresholds: increasingThresholds([20]),
  /** λ of the load-balancing term λ · mean_r (mean routing_r − 1/R)² (learned routing). */
  balanceWeight: z.number().min(0).default(1),
}).strict();

export type RegimeOutputOptions = z.infer<typeof regimeOutputSchema>;

/** Experts of a mixture output under its routing. */
export function expertCount(options: RegimeOutputOptions): number {
  return options.routing === "regime" ? options.thresholds.length + 1 : options.experts;
}

/**
 * Auxiliary classification head on the last decoder state, trained with cross-entropy
 * beside the forecast loss: loss = main + weight · CE. (α · main + β · CE with Adam is the
 * same fit as main + (β/α) · CE, up to clipping and Adam's epsilon, so one weight is kept.)
 */
export const auxiliaryHeadSchema = z.object({
  /**
   * "direction": up/down of the last step's return; "direction-3": down/flat/up;
   * "vol-regime": the raw `feature` level at the last target step against `thresholds`
   * (`vol_regime_labels.ts`; the split node must keep it: `labelSeries: ["vix"]`).
   */
  target: z.enum(["direction", "direction-3", "vol-regime"]).default("direction"),
  /** "direction-3": returns within ±deadBand (raw) are "flat". */
  deadBand: z.number().gt(0).lt(1).default(0.01),
  /** "vol-regime": the frame feature whose raw level is the label. */
  feature: z.string().min(1).default("vix"),
  /** "vol-regime": raw thresholds, increasing; [25] gives 2 classes, [15, 25] gives 3. */
  thresholds: increasingThresholds([25]),
  /** β, the weight of the cross-entropy. */
  weight: z.number().min(0).default(1),
}).strict();

/** Classes of the auxiliary head's target. */
export function auxiliaryClassCount(options: AuxiliaryHeadOptions): number {
  if (options.target === "vol-regime") return options.thresholds.length + 1;
  return options.target === "direction" ? 2 : 3;
}

export type AuxiliaryHeadOptions = z.infer<typeof auxiliaryHeadSchema>;

/**
 * Quantile-level presets of the reference's quantile sweep (3, 5 and 7 levels; 7 is
 * pytorch-forecasting's default set), each including the median (the point forecast).
 */
export const QUANTILE_PRESETS = {
  3: [0.1, 0.5, 0.9],
  5: [0.05, 0.25, 0.5, 0.75, 0.95],
  7: [0.02, 0.1, 0.25, 0.5, 0.75, 0.9, 0.98],
} as const satisfies Record<number, readonly number[]>;

/** The levels of a preset, as a fresh array (for a config). */
export function quantilePreset(levels: keyof typeof QUANTILE_PRESETS): number[] {
  return [...QUANTILE_PRESETS[levels]];
}

/**
 * Staleness-penalised attention (the reference's phase 11): the attention logit of each
 * encoder step is lowered by `weight` × the step's (fold-standardised) staleness feature,
 * e.g. `days_since_cpi`, so the attention leans away from bars whose macro data is stale.
 * Decoder steps are not penalised.
 */
export const stalenessAttentionSchema = z.object({
  /** A past staleness feature (data/features/staleness.ts) the folds carry. */
  feature: z.string().min(1).default("days_since_cpi"),
  /** Logit penalty per standard deviation of staleness; 0 leaves the attention as is. */
  weight: z.number().min(0).max(100).default(1),
}).strict();
