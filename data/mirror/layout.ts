/**
 * Where the offline mirror keeps each series (documented in data/README.md). A mirror is a
 * folder of CSVs; finfusion's own layout is tried first, then the layout of the shared
 * reference data (`../shared/data`, see its PROVENANCE.md), so that folder works as a
 * mirror as it is.
 */

/** Column names to read from a mirror price file; null means "not in this file" (NaN). */
export interface PriceColumns {
  date: string;
  open: string | null;
  high: string | null;
  low: string | null;
  close: string;
  volume: string | null;
}

export interface MirrorPriceEntry {
  path: string;
  columns: PriceColumns;
}

export interface MirrorMacroEntry {
  path: string;
  date: string;
  value: string;
}

const OHLCV: PriceColumns = {
  date: "date",
  open: "open",
  high: "high",
  low: "low",
  close: "close",
  volume: "volume",
};

/** CBOE's VIX open/high/low are unreliable (PROVENANCE.md §3) and there is no volume. */
const VIX_CLOSE_ONLY: PriceColumns = {
  date: "date",
  open: null,
  high: null,
  low: null,
  close: "close",
  volume: null,
};

/** `^GSPC` → `GSPC`, `BRK/B` → `BRK_B`: a file name without shell-unfriendly characters. */
export function symbolFileName(symbol: string): string {
  return symbol.replace(/^\^/, "").replace(/[^A-Za-z0-9._-]/g, "_");
}

/** Mirror files that may hold a Yahoo symbol, in the order they are tried. */
export function priceEntries(symbol: string): MirrorPriceEntry[] {
  const entries: MirrorPriceEntry[] = [
    { path: `prices/${symbolFileName(symbol)}.csv`, columns: OHLCV },
  ];
  if (symbol === "^GSPC") entries.push({ path: "spx_daily.csv", columns: OHLCV });
  if (symbol === "^VIX") entries.push({ path: "vix_daily.csv", columns: VIX_CLOSE_ONLY });
  if (/^[A-Z][A-Z0-9.-]*$/.test(symbol)) {
    entries.push({ path: `etf/${symbol}.csv`, columns: OHLCV });
    entries.push({ path: `stocks/${symbol}.csv`, columns: OHLCV });
  }
  return entries;
}

/** Mirror files that may hold a FRED series, in the order they are tried. */
export function macroEntries(id: string): MirrorMacroEntry[] {
  const entries: MirrorMacroEntry[] = [
    { path: `macro/${symbolFileName(id)}.csv`, date: "date", value: "value" },
  ];
  // FRED's VIXCLS is the CBOE close, identical on every common date (PROVENANCE.md §3).
  if (id === "VIXCLS") entries.push({ path: "vix_daily.csv", date: "date", value: "close" });
  return entries;
}

/** Every mirror file that may hold a price symbol or a FRED series, in the order tried. */
export function mirrorCandidates(kind: "prices" | "macro", id: string): string[] {
  return (kind === "prices" ? priceEntries(id) : macroEntries(id)).map((entry) => entry.path);
}
