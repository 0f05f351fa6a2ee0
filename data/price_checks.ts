/**
 * Sanity checks every daily price series passes, whichever provider it came from, and the
 * plausibility check of its moves (thresholds documented in data/README.md, "Implausible
 * values").
 */
import { DataError } from "./errors.ts";
import type { DailyBars } from "./snapshot.ts";
import type { ParsedBars } from "./providers/yahoo.ts";

type Where = { source: string; series: string };

/**
 * Impossible values are errors: a close that is zero, negative or missing, an open, high or
 * low below zero, a negative volume. An open, high or low of exactly 0 is how Yahoo marks a
 * price it did not record (^GSPC opens before 1982): those become missing (NaN), with one
 * warning. Missing values (NaN) pass: the mirror's VIX has no open, high, low or volume.
 */
export function checkPrices(bars: ParsedBars, where: Where): void {
  const unrecorded = { open: 0, high: 0, low: 0 };
  const fail = (i: number, problem: string) => {
    throw new DataError({ ...where, code: "invalid-value", row: i + 1, problem });
  };
  for (let i = 0; i < bars.close.length; i++) {
    if (!(bars.close[i] > 0)) {
      fail(
        i,
        `close on ${bars.dates[i]} is ${bars.close[i]}; prices must be positive (fix ` +
          `the row in the source file, or drop it)`,
      );
    }
    for (const column of ["open", "high", "low"] as const) {
      const value = bars[column][i];
      if (value === 0) {
        bars[column][i] = NaN;
        unrecorded[column]++;
      } else if (value < 0) {
        fail(
          i,
          `${column} on ${bars.dates[i]} is ${value}; prices must be positive (fix the ` +
            `row in the source file, or leave the field empty)`,
        );
      }
    }
    if (bars.volume[i] < 0) {
      fail(
        i,
        `volume on ${bars.dates[i]} is ${bars.volume[i]}; volumes cannot be negative ` +
          `(fix the row in the source file, or leave the field empty)`,
      );
    }
  }
  const zeros = Object.entries(unrecorded).filter(([, n]) => n > 0);
  if (zeros.length > 0) {
    bars.warnings.push(
      `${where.source} ${where.series}: ${
        zeros.map(([column, n]) => `${n} ${column} values of 0`).join(", ")
      } read as not recorded (missing)`,
    );
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
