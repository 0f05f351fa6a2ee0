/**
 * A small price panel for the pretraining tests: the index, three members with OHLCV bars
 * (one listed late) and a close-only series (as the mirror's VIX), on weekday dates.
 */
import type { PricePanel } from "../../../data/panel/load.ts";
import type { PriceSeries } from "../../../data/snapshot.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import { isoDate, isoDay, isWeekday } from "../../../data/dates.ts";

export function weekdays(from: string, n: number): string[] {
  const out: string[] = [];
  for (let day = isoDay(from); out.length < n; day++) if (isWeekday(day)) out.push(isoDate(day));
  return out;
}

export function series(
  symbol: string,
  dates: string[],
  seed: number,
  closeOnly = false,
): PriceSeries {
  const random = new SeededRandom(seed);
  const n = dates.length;
  const close = new Float64Array(n);
  const [open, high, low, volume] = [0, 0, 0, 0].map(() => new Float64Array(n));
  let price = 100;
  for (let t = 0; t < n; t++) {
    open[t] = price;
    price *= Math.exp(0.01 * random.normal());
    close[t] = price;
    high[t] = Math.max(open[t], close[t]) * (1 + 0.005 * random.next());
    low[t] = Math.min(open[t], close[t]) * (1 - 0.005 * random.next());
    volume[t] = 1e6 * (1 + random.next());
  }
  const nan = () => new Float64Array(n).fill(NaN);
  return {
    kind: "prices",
    symbol,
    dates,
    open: closeOnly ? nan() : open,
    high: closeOnly ? nan() : high,
    low: closeOnly ? nan() : low,
    close,
    volume: closeOnly ? nan() : volume,
    source: { provider: "mirror", location: `${symbol}.csv`, sha256: "0" },
    fetchedAt: null,
    warnings: [],
  };
}

/** 2,000 weekdays from 2012-01-02 (to 2019-08): the index "^IDX", members A, B, LATE, VIXLIKE. */
export function syntheticPanel(): PricePanel {
  const dates = weekdays("2012-01-02", 2000);
  const members = [
    { symbol: "^IDX", group: "index" },
    { symbol: "A", group: "stocks" },
    { symbol: "B", group: "stocks" },
    { symbol: "LATE", group: "stocks" },
    { symbol: "VIXLIKE", group: "vol" },
  ];
  return {
    kind: "price-panel",
    members,
    series: [
      series("^IDX", dates, 1),
      series("A", dates, 2),
      series("B", dates, 3),
      series("LATE", dates.slice(1500), 4),
      series("VIXLIKE", dates, 5, true),
    ],
    warnings: [],
  };
}

/** A copy of `panel` whose series `which` is replaced by `change(series)`. */
export function changed(
  panel: PricePanel,
  which: (symbol: string) => boolean,
  change: (s: PriceSeries) => PriceSeries,
): PricePanel {
  return { ...panel, series: panel.series.map((s) => (which(s.symbol) ? change(s) : s)) };
}

/** Multiplies every bar on or after `from` (prices ×3, volume ×5): a different future. */
export function futureChanged(s: PriceSeries, from: string): PriceSeries {
  const k = s.dates.findIndex((d) => d >= from);
  if (k < 0) return s;
  const scale = (x: Float64Array, f: number) => x.map((v, i) => (i >= k ? v * f * (1 + i % 3) : v));
  return {
    ...s,
    open: scale(s.open, 3),
    high: scale(s.high, 3),
    low: scale(s.low, 3),
    close: scale(s.close, 3),
    volume: scale(s.volume, 5),
  };
}
