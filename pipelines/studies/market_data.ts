/**
 * The S&P 500 market data every study starts from: index prices, VIX and the FRED macro
 * series up to 2024-12-31, turned into point-in-time features at one bar frequency.
 */
import type { NodeRef, PipelineBuilder } from "../../engine/mod.ts";
import type { FeatureFrame } from "../../data/frame.ts";
import type { PanelFrame } from "../../data/panel/frame.ts";
import { LARGE_CAPS, SECTOR_ETFS } from "../../data/panel/universe.ts";
import { fetchMacro, fetchPanel, fetchPrices } from "../../tasks/fetch.ts";
import { buildFeatures, buildPanelFeatures } from "../../tasks/feature.ts";

/** Price and macro inputs of the studies' models (the lagged return "ret" is always kept). */
export const STUDY_FEATURES = [
  "vol_20d",
  "ma_ratio_5",
  "ma_ratio_20",
  "rsi_14",
  "volume_ratio",
  "vix",
  "vix_change",
  "dgs10_change",
  "spread_2s10s",
  "cpi_yoy",
  "unrate_change",
] as const;

/** The last date the studies use, so live data and the offline mirror give the same window. */
export const STUDY_END = "2024-12-31";

export function spxFeatures(
  p: PipelineBuilder,
  options: { frequency: "weekly" | "daily" },
): NodeRef<FeatureFrame> {
  const spx = p.fetch("spx", fetchPrices, { symbol: "^GSPC", end: STUDY_END });
  const vix = p.fetch("vix", fetchPrices, { symbol: "^VIX", end: STUDY_END });
  const macro = p.fetch("macro", fetchMacro, { end: STUDY_END });
  return p.feature("features", buildFeatures, { frequency: options.frequency }, {
    spx,
    vix,
    macro,
  });
}

/**
 * The index with its sector ETFs and (unless `stocks: false`) 100 large caps, as panel
 * features on the index's calendar (data/README.md, "Panel folds"); split with `panelFold`.
 */
export function panelFeatures(
  p: PipelineBuilder,
  options: { frequency: "weekly" | "daily"; stocks?: boolean },
): NodeRef<PanelFrame> {
  const groups = options.stocks === false
    ? { etf: [...SECTOR_ETFS] }
    : { etf: [...SECTOR_ETFS], stocks: [...LARGE_CAPS] };
  const panel = p.fetch("panel", fetchPanel, { index: "^GSPC", groups, end: STUDY_END });
  return p.feature("panel-features", buildPanelFeatures, { frequency: options.frequency }, {
    panel,
  });
}
