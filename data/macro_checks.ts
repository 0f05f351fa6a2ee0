/**
 * Plausible values of the FRED series finfusion knows (data/README.md, "Implausible
 * values"): a CPI of −250 or a yield of 1e300 is a data error, not a market event. Ranges
 * are wide (about ten times the history's extremes); steps of level series are bounded in
 * ratio. A non-positive value of a series that must be positive is always an error; other
 * violations follow the fetch node's `onImplausible` ("error" by default, or "warn").
 */
import { DataError } from "./errors.ts";
import type { MacroObservations } from "./snapshot.ts";

export interface MacroRange {
  min: number;
  max: number;
  /** Largest ratio between consecutive observations (level series only). */
  maxStepRatio?: number;
  /** The series is a positive level (an index, a quantity): zero or less is impossible. */
  positive?: boolean;
}

/** History for reference: CPI 21–318, GDP 2,000–24,000, rates −2.4..19.1, VIX 9–83. */
export const MACRO_RANGES: Readonly<Record<string, MacroRange>> = {
  CPIAUCSL: { min: 0, max: 5_000, maxStepRatio: 1.5, positive: true },
  GDPC1: { min: 0, max: 500_000, maxStepRatio: 1.5, positive: true },
  UNRATE: { min: 0, max: 100 },
  FEDFUNDS: { min: -10, max: 100 },
  DGS10: { min: -10, max: 100 },
  DGS2: { min: -10, max: 100 },
  T10Y2Y: { min: -30, max: 30 },
  VIXCLS: { min: 0, max: 500, maxStepRatio: 3, positive: true },
};

/** Warnings (with `warn`) for the observations of `series` outside its plausible range. */
export function checkMacro(
  series: Pick<MacroObservations, "id" | "dates" | "values">,
  where: { source: string; firstRow: number; onImplausible: "error" | "warn" },
): string[] {
  const range = MACRO_RANGES[series.id];
  if (!range) return [];
  const warnings: string[] = [];
  const fail = (i: number, problem: string, code: "invalid-value" | "implausible") => {
    const row = where.firstRow + i;
    if (code === "implausible" && where.onImplausible === "warn") {
      warnings.push(`${where.source} ${series.id}, row ${row}: ${problem}`);
      return;
    }
    throw new DataError({ source: where.source, series: series.id, row, code, problem });
  };
  const fix = `fix the row in the source, or set the fetch node's onImplausible: "warn"`;
  series.values.forEach((value, i) => {
    const date = series.dates[i];
    if (range.positive && !(value > 0)) {
      fail(i, `value on ${date} is ${value}; ${series.id} must be positive`, "invalid-value");
    } else if (value < range.min || value > range.max) {
      fail(
        i,
        `value on ${date} is ${value}, outside the plausible ${range.min}..${range.max}; ${fix}`,
        "implausible",
      );
    } else if (range.maxStepRatio && i > 0) {
      const ratio = value / series.values[i - 1];
      if (Math.max(ratio, 1 / ratio) <= range.maxStepRatio) return;
      fail(
        i,
        `value on ${date} is ${value}, ${ratio.toPrecision(3)}× the previous ` +
          `${series.values[i - 1]} (${series.dates[i - 1]}): more than ×${range.maxStepRatio} ` +
          `between observations; ${fix}`,
        "implausible",
      );
    }
  });
  return warnings;
}
