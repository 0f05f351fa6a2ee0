/**
 * Sanity checks every daily price series passes, whichever provider it came from, and the
 * plausibility check of its moves (thresholds documented in data/README.md, "Implausible
 * values").
 */
import { DataError } from "./errors.ts";
import type { DailyBars } from "./snapshot.ts";

type Where = { source: string; series: string };

/**
 * Impossible values are errors: a price (open, high, low, close) that is zero or negative
 * makes every return meaningless, and a negative volume cannot happen. Missing values (NaN)
 * pass: the mirror's VIX has no open, high, low or volume.
 */
export function checkPrices(bars: DailyBars, where: Where): void {
  for (let i = 0; i < bars.close.length; i++) {
    for (const column of ["close", "open", "high", "low"] as const) {
      const value = bars[column][i];
      // A close must be a positive number; the other prices may be missing (NaN).
      const bad = column === "close" ? !(value > 0) : value <= 0;
      if (!bad) continue;
      throw new DataError({
        ...where,
        code: "invalid-value",
        row: i + 1,
        problem: `${column} on ${bars.dates[i]} is ${value}; prices must be positive (fix the ` +
          `row in the source file, or drop it)`,
      });
    }
    if (bars.volume[i] < 0) {
      throw new DataError({
        ...where,
        code: "invalid-value",
        row: i + 1,
        problem: `volume on ${bars.dates[i]} is ${bars.volume[i]}; volumes cannot be negative ` +
          `(fix the row in the source file, or leave the field empty)`,
      });
    }
  }
}

/** How implausible moves are treated; the fetch nodes' `maxDailyMove` and `onImplausible`. */
export interface Plausibility {
  /** A close more than this factor above or below the previous close is implausible. */
  maxDailyMove: number;
  onImplausible: "error" | "warn";
}

export const DEFAULT_PLAUSIBILITY: Plausibility = { maxDailyMove: 3, onImplausible: "error" };

/**
 * Close-to-close moves beyond `maxDailyMove` (default ×3 or ÷3 in a day; the largest real
 * move in the reference data is the VIX's ×2.16 on 2018-02-05, the largest of a stock ×1.62):
 * a value ×100 for one day, or 1e300, is a data error. Errors by default; with `warn`, one
 * warning per move. `firstRow` is the 1-based source row of `bars`' first date.
 */
export function checkMoves(
  bars: Pick<DailyBars, "dates" | "close">,
  where: Where,
  options: Plausibility & { firstRow: number },
): string[] {
  const warnings: string[] = [];
  const limit = Math.log(options.maxDailyMove);
  for (let i = 1; i < bars.close.length; i++) {
    const [before, after] = [bars.close[i - 1], bars.close[i]];
    if (!(Math.abs(Math.log(after / before)) > limit)) continue;
    const problem =
      `close on ${bars.dates[i]} is ${after}, ${
        (after / before).toPrecision(3)
      }× the previous close ${before} (${bars.dates[i - 1]}): more than maxDailyMove = ` +
      `${options.maxDailyMove}. Fix the row in the source, or set the fetch node's ` +
      `onImplausible: "warn" (or a larger maxDailyMove) if the move is real`;
    const row = options.firstRow + i;
    if (options.onImplausible === "error") {
      throw new DataError({ ...where, code: "implausible", row, problem });
    }
    warnings.push(`${where.source} ${where.series}, row ${row}: ${problem}`);
  }
  return warnings;
}
