/**
 * Feature-set presets for ablations (the reference study's phase 12): named lists of past
 * features a split node can select (`panelFold`/`rollingFolds` `features`). The lagged
 * return "ret" is in every set.
 *
 * - `market-only`: the index's own price dynamics and the VIX, no macro series.
 * - `macro-heavy`: every macro level and change, the release staleness features, and only
 *   the return and 20-day volatility from prices.
 * - `core-dynamics`: a minimal set of return, volatility, trend and VIX dynamics.
 */
import type { FeatureName } from "../frame.ts";
import { STALENESS_FEATURES } from "./staleness.ts";

export const FEATURE_PRESETS = {
  "market-only": [
    "ret",
    "vol_5d",
    "vol_20d",
    "ma_ratio_5",
    "ma_ratio_20",
    "rsi_14",
    "volume_ratio",
    "vix",
    "vix_change",
  ],
  "macro-heavy": [
    "ret",
    "vol_20d",
    "vix",
    "dgs10",
    "dgs10_change",
    "spread_2s10s",
    "cpi_yoy",
    "unrate_change",
    "fedfunds",
    "gdp_growth",
    ...STALENESS_FEATURES,
  ],
  "core-dynamics": ["ret", "vol_20d", "ma_ratio_20", "rsi_14", "vix_change"],
} as const satisfies Record<string, readonly FeatureName[]>;

export type FeaturePreset = keyof typeof FEATURE_PRESETS;

/** The features of a preset, as a fresh array (for a node's parameters). */
export function featurePreset(name: FeaturePreset): FeatureName[] {
  return [...FEATURE_PRESETS[name]];
}
