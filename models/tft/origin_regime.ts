/**
 * The regime known at the forecast origin, for the regime-aware interventions (gated
 * attention heads, regime-routed experts, the volatility auxiliary head).
 *
 * A regime rule names a past feature of the fold (e.g. `vix`, or `spread_2s10s` for a
 * yield-curve regime) and raw thresholds on it; the regime of a window is the number of
 * thresholds at or below the feature's *raw* value at the window's last encoder row, which
 * is the origin row itself. Past features hold what was observable at each bar's close
 * (lagged for publication), so the regime never sees the target bar: the reference study
 * looked the VIX up on the day of the return it predicted. Past features arrive
 * standardised with the fold's training statistics, so the raw thresholds are mapped into
 * that scale once per fold ((threshold − mean) / std), never compared with scaled values.
 */
import * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import type { Fold } from "../contract.ts";

/** Raw thresholds, 1 to 7 of them, strictly increasing: k thresholds give k + 1 classes. */
export function increasingThresholds(fallback: number[]) {
  return z.array(z.number()).min(1).max(7).superRefine((thresholds, ctx) => {
    if (thresholds.some((t, i) => i > 0 && t <= thresholds[i - 1])) {
      ctx.addIssue({
        code: "custom",
        message: `must increase strictly, got [${thresholds.join(", ")}]`,
      });
    }
  }).default(fallback);
}

export const regimeRuleSchema = z.object({
  /** The past feature the regime reads at the origin (raw value, before fold scaling). */
  feature: z.string().min(1).default("vix"),
  /** Raw thresholds, increasing; k thresholds give k + 1 regimes. VIX ≥ 25 is "stress". */
  thresholds: increasingThresholds([25]),
}).strict();

export type RegimeRule = z.infer<typeof regimeRuleSchema>;

/** A rule resolved for one fold: the feature's column in `past` and scaled thresholds. */
export interface RegimeInput {
  /** Column of the feature in the past input. */
  index: number;
  /** The thresholds in the fold's scaled units, increasing. */
  thresholds: number[];
}

/** Resolves `rule` against the fold's past features and scaler; errors say what to add. */
export function regimeInputOf(fold: Fold, rule: RegimeRule, option: string): RegimeInput {
  const index = fold.pastNames.indexOf(rule.feature);
  if (index < 0) {
    throw new Error(
      `tft ${option}: the regime feature "${rule.feature}" is not a past feature of fold ` +
        `${fold.id} (past: ${fold.pastNames.join(", ") || "none"}); add it to the feature set ` +
        "or name another feature",
    );
  }
  const column = fold.scaler.names.indexOf(rule.feature);
  const mean = fold.scaler.mean[column];
  const std = fold.scaler.std[column];
  if (column < 0 || !Number.isFinite(mean) || !(std > 0)) {
    throw new Error(
      `tft ${option}: fold ${fold.id} has no scaler statistics for "${rule.feature}", so its ` +
        "raw thresholds cannot be placed on the scaled feature; build the fold with the split task",
    );
  }
  return { index, thresholds: rule.thresholds.map((t) => (t - mean) / std) };
}

/** Regimes as one-hot rows [B, thresholds + 1] from the past input [B, L, P]. */
export function originRegime(past: tf.Tensor, input: RegimeInput): tf.Tensor {
  return tf.tidy(() => {
    const [batch, steps] = past.shape as number[];
    const value = tf.reshape(tf.slice(past, [0, steps - 1, input.index], [batch, 1, 1]), [batch]);
    let regime: tf.Tensor = tf.zeros([batch], "int32");
    for (const threshold of input.thresholds) {
      regime = tf.add(regime, tf.cast(tf.greaterEqual(value, threshold), "int32"));
    }
    return tf.oneHot(regime as tf.Tensor1D, input.thresholds.length + 1).toFloat();
  });
}
