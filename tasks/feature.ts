/**
 * Feature node: builds the point-in-time {@link FeatureFrame} (daily or weekly bars) from
 * the S&P 500 and VIX price snapshots and the FRED macro snapshot. Feature list, regime
 * rule and publication lags are documented in data/README.md.
 */
import { z } from "zod";
import { defineTask } from "../engine/task.ts";
import {
  ALL_FEATURE_NAMES,
  buildFeatureFrame,
  FEATURE_NAMES,
  type FeatureFrame,
} from "../data/frame.ts";
import { publicationRuleSchema } from "../data/publication.ts";
import type { MacroSeries, PriceSeries } from "../data/snapshot.ts";
import { buildPanelFrame, PANEL_FEATURES, type PanelFrame } from "../data/panel/frame.ts";
import type { PricePanel } from "../data/panel/load.ts";

export const featureParams = z.object({
  /** Bar frequency: "weekly" bars end on each week's last trading day. */
  frequency: z.enum(["daily", "weekly"]).default("weekly"),
  /** Past features to compute (default: all of them); "ret" is always included. */
  features: z.array(z.enum(ALL_FEATURE_NAMES)).min(1).default([...FEATURE_NAMES]),
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

/** The panel's default per-series inputs (the return itself is the fold's target). */
export const PANEL_DEFAULT_FEATURES = [
  "log_ret",
  "vol_20d",
  "ma_ratio_5",
  "ma_ratio_20",
  "rsi_14",
  "volume_ratio",
] as const;

export const panelFeatureParams = z.object({
  frequency: z.enum(["daily", "weekly"]).default("weekly"),
  /** Features computed on each series' own bars (data/README.md, "Panel folds"). */
  features: z.array(z.enum(PANEL_FEATURES as [string, ...string[]])).min(1)
    .default([...PANEL_DEFAULT_FEATURES]),
}).strict();

/** Panel features: each series' own price features on the index's calendar, with presence. */
export const buildPanelFeatures = defineTask({
  name: "feature.panel-features",
  kind: "feature",
  module: import.meta.url,
  params: panelFeatureParams,
  inputs: { panel: "required" },
  run: ({ panel }: { panel: PricePanel }, params, ctx): PanelFrame => {
    const frame = buildPanelFrame(panel, {
      frequency: params.frequency,
      features: params.features as PanelFrame["features"],
    });
    for (const warning of frame.warnings) ctx.warn(warning);
    ctx.progress({
      message: `${frame.dates.length} ${params.frequency} rows × ${frame.members.length} series`,
      fraction: 1,
    });
    return frame;
  },
});
