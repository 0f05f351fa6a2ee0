/**
 * One series' normalised K-lines (`kline.ts`) as a daily {@link FeatureFrame}, so the
 * existing rolling folds (`rollingFold`, `data/folds/`) split it: past features are the
 * chosen K-line parts, named `kline_<part>`, left unscaled here (the fold standardises them
 * on its own training rows and clips them, as every fold does), the target is the simple
 * return of each bar, and there are no known-future features and one regime ("all").
 *
 * The frame starts at the first bar where every chosen part is defined (the first bar has
 * no return); a later bar with an undefined part is an error naming the series and date,
 * since a model must never read a silently filled candle.
 */
import type { FeatureFrame } from "../frame.ts";
import type { PriceSeries } from "../snapshot.ts";
import { type KlinePart, klines } from "./kline.ts";

export const klineFeatureName = (part: KlinePart) => `kline_${part}`;

export function klineFrame(series: PriceSeries, parts: readonly KlinePart[]): FeatureFrame {
  if (parts.length === 0) throw new Error(`kline frame of ${series.symbol}: no parts chosen`);
  const all = klines(series);
  const defined = (t: number) => parts.every((part) => Number.isFinite(all[part][t]));
  let first = 1; // the first bar has no return to target
  while (first < series.dates.length && !defined(first)) first++;
  if (first >= series.dates.length - 1) {
    throw new Error(
      `kline frame of ${series.symbol}: no bar has every part ${parts.join(", ")} defined; ` +
        'choose parts the series records (an index without volume: drop "volume")',
    );
  }
  for (let t = first; t < series.dates.length; t++) {
    if (defined(t)) continue;
    const missing = parts.filter((part) => !Number.isFinite(all[part][t]));
    throw new Error(
      `kline frame of ${series.symbol}: ${missing.join(", ")} undefined on ${series.dates[t]} ` +
        `(source ${series.source.location}); repair the bar or drop the part`,
    );
  }
  const rows = series.dates.length - first;
  const target = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const t = first + i;
    target[i] = series.close[t] / series.close[t - 1] - 1;
  }
  return {
    kind: "feature-frame",
    frequency: "daily",
    dates: series.dates.slice(first),
    ordinal: Int32Array.from({ length: rows }, (_, i) => first + i),
    close: series.close.slice(first),
    target,
    past: {
      names: parts.map(klineFeatureName),
      columns: parts.map((part) => all[part].slice(first)),
    },
    known: { names: [], columns: [] },
    regime: new Array(rows).fill("all"),
    regimeLabels: ["all"],
    regimeRule: "none: one regime",
    publication: {},
    warnings: [],
  };
}
