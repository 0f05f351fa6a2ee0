/** Sanity checks every daily price series passes, whichever provider it came from. */
import { DataError } from "./errors.ts";
import type { ParsedBars } from "./providers/yahoo.ts";

/** Closes must be positive: a zero or negative close makes every return meaningless. */
export function checkPrices(bars: ParsedBars, where: { source: string; series: string }): void {
  for (let i = 0; i < bars.close.length; i++) {
    if (bars.close[i] > 0) continue;
    throw new DataError({
      ...where,
      code: "invalid-value",
      row: i + 1,
      problem: `close on ${bars.dates[i]} is ${bars.close[i]}; prices must be positive`,
    });
  }
}
