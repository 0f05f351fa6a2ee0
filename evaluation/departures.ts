/**
 * Where a model's calls differ from always-long's, and whether it is right there.
 *
 * Always-long calls "up" on every row, so a model departs from it exactly on its "down"
 * calls, and on every other row both score the same. The excess over always-long is
 * therefore share × (2 × hit rate − 1): a model that rarely departs, or departs no better
 * than a coin flip, is always-long in all but name, whatever its loss says.
 */
import type { Numbers } from "./stats/descriptive.ts";

export interface Departures {
  /** Rows where the model calls "down" (forecast ≤ 0). */
  rows: number;
  /** rows / all rows. */
  share: number | null;
  /** Share of those rows where the realised return was not up (≤ 0): the call was right. */
  hitRate: number | null;
}

export function departuresFromAlwaysLong(point: Numbers, actual: Numbers): Departures {
  let rows = 0;
  let hits = 0;
  for (let i = 0; i < point.length; i++) {
    if (point[i] > 0) continue;
    rows++;
    if (!(actual[i] > 0)) hits++;
  }
  return {
    rows,
    share: point.length ? rows / point.length : null,
    hitRate: rows ? hits / rows : null,
  };
}
