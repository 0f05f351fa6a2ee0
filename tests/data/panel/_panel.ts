/** A small real panel from the shared mirror for the panel tests: index, 3 ETFs, 2 stocks. */
import { loadPanel, type PricePanel } from "../../../data/panel/load.ts";
import { mirrorOptions } from "../_helpers.ts";

export const GROUPS = { etf: ["XLK", "XLC", "XLRE"], stocks: ["AAPL", "UBER"] };

export function smallPanel(end = "2024-12-31"): Promise<PricePanel> {
  return loadPanel({ index: "^GSPC", groups: GROUPS, start: "2004-01-01", end }, mirrorOptions());
}

/** The first date of a member's raw series. */
export function firstDate(panel: PricePanel, symbol: string): string {
  return panel.series[panel.members.findIndex((m) => m.symbol === symbol)].dates[0];
}
