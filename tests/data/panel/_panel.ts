/** A small real panel from the shared mirror for the panel tests: index, 3 ETFs, 2 stocks. */
import { loadPanel, type PricePanel } from "../../../data/panel/load.ts";
import { buildPanelFrame } from "../../../data/panel/frame.ts";
import { panelFold } from "../../../data/panel/fold.ts";
import type { PanelFold } from "../../../models/panel_fold.ts";
import { PANEL_DEFAULT_FEATURES } from "../../../tasks/feature.ts";
import { mirrorOptions } from "../_helpers.ts";

export const GROUPS = { etf: ["XLK", "XLC", "XLRE"], stocks: ["AAPL", "UBER"] };

export function smallPanel(end = "2024-12-31"): Promise<PricePanel> {
  return loadPanel({ index: "^GSPC", groups: GROUPS, start: "2004-01-01", end }, mirrorOptions());
}

/** The first date of a member's raw series. */
export function firstDate(panel: PricePanel, symbol: string): string {
  return panel.series[panel.members.findIndex((m) => m.symbol === symbol)].dates[0];
}

/** A weekly panel fold of `prices` (default features, no embargo), as the fusion tests use. */
export function smallPanelFold(
  prices: PricePanel,
  options: { testYear: number; trainYears: number; encoderLength?: number },
): PanelFold {
  const frame = buildPanelFrame(prices, {
    frequency: "weekly",
    features: [...PANEL_DEFAULT_FEATURES],
  });
  return panelFold(frame, {
    testYear: options.testYear,
    trainYears: options.trainYears,
    validationYears: 1,
    encoderLength: options.encoderLength ?? 12,
    horizon: 1,
    embargo: 0,
    clipStd: 5,
    minTrainRows: 60,
  }).fold;
}
