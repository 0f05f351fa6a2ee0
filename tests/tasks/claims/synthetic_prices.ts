/** A seeded random-walk S&P-like daily series with consistent open/high/low/volume, for tests. */
import type { PriceSeries } from "../../../data/snapshot.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import { isoDate, isoDay } from "../../../data/dates.ts";

export function syntheticPrices(days: number, seed = 3, start = "2008-01-02"): PriceSeries {
  const rng = new SeededRandom(seed);
  const dates: string[] = [];
  let day = isoDay(start);
  while (dates.length < days) {
    const weekday = new Date(day * 86_400_000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) dates.push(isoDate(day));
    day++;
  }
  const open = new Float64Array(days);
  const high = new Float64Array(days);
  const low = new Float64Array(days);
  const close = new Float64Array(days);
  const volume = new Float64Array(days);
  let level = 1000;
  for (let t = 0; t < days; t++) {
    const o = level * Math.exp(0.003 * rng.normal());
    const c = o * Math.exp(0.0003 + 0.01 * rng.normal());
    open[t] = o;
    close[t] = c;
    high[t] = Math.max(o, c) * Math.exp(0.004 * Math.abs(rng.normal()));
    low[t] = Math.min(o, c) * Math.exp(-0.004 * Math.abs(rng.normal()));
    volume[t] = 1e9 * Math.exp(0.2 * rng.normal());
    level = c;
  }
  return {
    kind: "prices",
    symbol: "^SYN",
    source: { provider: "mirror", location: "synthetic", sha256: "0" },
    fetchedAt: null,
    warnings: [],
    dates,
    open,
    high,
    low,
    close,
    volume,
  };
}
