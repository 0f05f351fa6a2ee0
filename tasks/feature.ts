/**
 * Feature node: builds the point-in-time {@link FeatureFrame} (daily or weekly bars) from
 * the S&P 500 and VIX price snapshots and the FRED macro snapshot. Feature list, regime
 * rule and publication lags are documented in data/README.md.
 */
import { z } from "zod";
import { defineTask } from "../engine/task.ts";
import { buildFeatureFrame, FEATURE_NAMES, type FeatureFrame } from "../data/frame.ts";
import { publicationRuleSchema } from "../data/publication.ts";
import type { MacroSeries, PriceSeries } from "../data/snapshot.ts";

export const featureParams = z.object({
  /** Bar frequency: "weekly" bars end on each week's last trading day. */
  frequency: z.enum(["daily", "weekly"]).default("weekly"),
  /** Past features to compute (default: all of them); "ret" is always included. */
  features: z.array(z.enum(FEATURE_NAMES)).min(1).default([...FEATURE_NAMES]),
  /**
   * Publication-lag overrides by FRED id, e.g.
   * `{ CPIAUCSL: { rule: "day-of-month-after", months: 1, day: 15 } }` (data/publication.ts).
   */
  publication: z.record(z.string(), publicationRuleSchema).default({}),
  /** A macro value carried forward more than this many trading days past due is a warning. */
  maxGapDays: z.number().int().min(0).default(5),
  /** Regime rule: stress at VIX >= vixThreshold, else bull/bear against the SMA of trendDays. */
  regime: z.object({
    vixThreshold: z.number().positive().default(25),
    trendDays: z.number().int().min(2).default(200),
  }).strict().prefault({}),
}).strict();

export type FeatureParams = z.infer<typeof featureParams>;

export interface FeatureInputs {
  spx: PriceSeries;
  /** Optional: without it, FRED VIXCLS from `macro` gives the VIX. */
  vix?: PriceSeries;
  macro: MacroSeries;
}

export const buildFeatures = defineTask({
  name: "feature.build-features",
  kind: "feature",
  module: import.meta.url,
  params: featureParams,
  inputs: { spx: "required", vix: "optional", macro: "required" },
  run: (inputs: FeatureInputs, params, ctx): FeatureFrame => {
    const frame = buildFeatureFrame(
      { spx: inputs.spx, vix: inputs.vix ?? null, macro: inputs.macro },
      params,
    );
    for (const warning of frame.warnings) ctx.warn(warning);
    ctx.progress({ message: `${frame.dates.length} ${params.frequency} rows`, fraction: 1 });
    return frame;
  },
});
