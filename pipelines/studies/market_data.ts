/**
 * The S&P 500 market data every study starts from: index prices, VIX and the FRED macro
 * series, as far as the data goes, turned into point-in-time features at one bar frequency.
 */
import type { NodeRef, PipelineBuilder } from "../../engine/mod.ts";
import type { FeatureFrame, FeatureName } from "../../data/frame.ts";
import type { PanelFrame } from "../../data/panel/frame.ts";
import type { PricePanel } from "../../data/panel/load.ts";
import type { MacroSeries, PriceSeries } from "../../data/snapshot.ts";
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

/** The last date of the reference mirror (`../shared/data`): `end: STUDY_END` pins a study to it. */
export const STUDY_END = "2024-12-31";

/**
 * Where the data window ends: `null` (the default) follows the data, up to the last date the
 * mirror or the network has (the reference mirror ends 2024-12-31); a date pins every fetch
 * node of the study at once. A new year of data changes no fold before it (their rows and
 * scalers are the same bytes), so adding a test year recomputes only the new fold's fits
 * and the evaluation (data/README.md, "Adding a test year").
 */
export interface MarketDataOptions {
  frequency: "weekly" | "daily";
  end?: string | null;
  /** Features the feature node computes; absent: its default set (the node keeps its key). */
  features?: readonly FeatureName[];
  /** Id of the feature node (default "features"): a DAG with two feature sets names each. */
  id?: string;
  /** Fetch nodes already declared (`spxInputs`): a second feature node reuses them. */
  inputs?: SpxInputs;
}

/** The fetch nodes of the index, the VIX and the macro series. */
export interface SpxInputs {
  spx: NodeRef<PriceSeries>;
  vix: NodeRef<PriceSeries>;
  macro: NodeRef<MacroSeries>;
}

/** Declares the fetch nodes `spx`, `vix` and `macro` (once per DAG). */
export function spxInputs(p: PipelineBuilder, options: { end?: string | null }): SpxInputs {
  const end = options.end ?? null;
  return {
    spx: p.fetch("spx", fetchPrices, { symbol: "^GSPC", end }),
    vix: p.fetch("vix", fetchPrices, { symbol: "^VIX", end }),
    macro: p.fetch("macro", fetchMacro, { end }),
  };
}

export function spxFeatures(
  p: PipelineBuilder,
  options: MarketDataOptions,
): NodeRef<FeatureFrame> {
  const { spx, vix, macro } = options.inputs ?? spxInputs(p, options);
  const params = {
    frequency: options.frequency,
    ...(options.features ? { features: [...options.features] } : {}),
  };
  return p.feature(options.id ?? "features", buildFeatures, params, {
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
  options: MarketDataOptions & { stocks?: boolean },
): NodeRef<PanelFrame> {
  const groups: Record<string, readonly string[]> = options.stocks === false
    ? { etf: [...SECTOR_ETFS] }
    : { etf: [...SECTOR_ETFS], stocks: [...LARGE_CAPS] };
  return panelData(p, { ...options, groups }).features;
}

/**
 * The price panel of the index and the given groups (node "panel") with its features (node
 * "panel-features"): for studies that also read the members' raw bars (e.g. volumes).
 */
export function panelData(
  p: PipelineBuilder,
  options: MarketDataOptions & { groups: Record<string, readonly string[]> },
): { panel: NodeRef<PricePanel>; features: NodeRef<PanelFrame> } {
  const groups = Object.fromEntries(
    Object.entries(options.groups).map(([name, symbols]) => [name, [...symbols]]),
  );
  const panel = p.fetch("panel", fetchPanel, { index: "^GSPC", groups, end: options.end ?? null });
  const features = p.feature("panel-features", buildPanelFeatures, {
    frequency: options.frequency,
  }, { panel });
  return { panel, features };
}
