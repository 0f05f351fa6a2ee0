/**
 * A price panel: the index and any number of member series (sector ETFs, stocks), each
 * loaded like a single `fetchPrices` series (network or mirror, same checks and warnings).
 * Members keep their own dates: alignment on the index's trading calendar happens in the
 * feature stage (panel/frame.ts), where a member is present only from its first bar.
 */
import { loadPrices } from "../load_prices.ts";
import type { PriceSeries } from "../snapshot.ts";
import type { SourceOptions } from "../source.ts";
import type { PanelMember } from "../../models/panel_fold.ts";
import type { Plausibility } from "../price_checks.ts";

export type { PanelMember };

export interface PricePanel {
  kind: "price-panel";
  /** Index first (group "index"), then the members in declaration order. */
  members: PanelMember[];
  /** The daily bars of each member, in the order of `members`. */
  series: PriceSeries[];
  warnings: string[];
}

export interface PanelRequest {
  /** The index whose trading calendar and rows the panel is scored on, e.g. "^GSPC". */
  index: string;
  /** Member symbols by group, e.g. `{ etf: [...SECTOR_ETFS], stocks: [...LARGE_CAPS] }`. */
  groups: Readonly<Record<string, readonly string[]>>;
  start: string;
  end: string | null;
  plausibility?: Plausibility;
}

/** The index and the members in order; a symbol listed twice is an error naming it. */
export function panelMembers(request: Pick<PanelRequest, "index" | "groups">): PanelMember[] {
  const members: PanelMember[] = [{ symbol: request.index, group: "index" }];
  for (const [group, symbols] of Object.entries(request.groups)) {
    if (group === "index") throw new Error(`panel group name "index" is reserved; rename it`);
    for (const symbol of symbols) members.push({ symbol, group });
  }
  const seen = new Map<string, string>();
  for (const { symbol, group } of members) {
    const first = seen.get(symbol);
    if (first !== undefined) {
      throw new Error(
        `panel lists ${symbol} twice (groups "${first}" and "${group}"); keep one of them`,
      );
    }
    seen.set(symbol, group);
  }
  return members;
}

export async function loadPanel(
  request: PanelRequest,
  options: SourceOptions,
): Promise<PricePanel> {
  const members = panelMembers(request);
  const series: PriceSeries[] = [];
  const warnings: string[] = [];
  for (const { symbol } of members) {
    const { start, end, plausibility } = request;
    const loaded = await loadPrices({ symbol, start, end, plausibility }, options);
    series.push(loaded);
    warnings.push(...loaded.warnings);
  }
  return { kind: "price-panel", members, series, warnings };
}
