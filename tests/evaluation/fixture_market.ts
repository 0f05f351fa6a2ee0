/**
 * Synthetic S&P-like market data for the evaluation fixtures: trading dates, seeded Gaussian
 * returns with a losing 2022 "tightening" year, regimes, and half-year walk-forward slices.
 */
import type { Frequency } from "../../models/contract.ts";

/** Trading dates of a year: Fridays (weekly) or weekdays (daily). */
export function tradingDates(year: number, frequency: Frequency): string[] {
  const dates: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const day = new Date(t).getUTCDay();
    if (frequency === "weekly" ? day === 5 : day !== 0 && day !== 6) {
      dates.push(new Date(t).toISOString().slice(0, 10));
    }
  }
  return dates;
}

export function gaussian(random: () => number): () => number {
  return () => {
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

export interface YearData {
  year: number;
  dates: string[];
  /** Returns of the test rows plus `horizon` rows after (for multi-step targets). */
  returns: number[];
  regime: string[];
}

export function yearData(
  year: number,
  frequency: Frequency,
  horizon: number,
  normal: () => number,
): YearData {
  const dates = tradingDates(year, frequency);
  const scale = frequency === "weekly" ? 1 : 1 / Math.sqrt(5);
  const drift = (year === 2022 ? -0.006 : 0.003) * scale;
  const vol = (year === 2022 ? 0.03 : 0.02) * scale;
  const returns = Array.from({ length: dates.length + horizon }, () => drift + vol * normal());
  const regime = dates.map((_, i) => year === 2022 ? "tightening" : i % 13 < 3 ? "stress" : "calm");
  return { year, dates, returns, regime };
}

/** The first and second half of a year's test rows (returns keep `horizon` rows after). */
export function halves(data: YearData, horizon: number): YearData[] {
  const mid = Math.floor(data.dates.length / 2);
  return [[0, mid], [mid, data.dates.length]].map(([from, to]) => ({
    year: data.year,
    dates: data.dates.slice(from, to),
    returns: data.returns.slice(from, to + horizon),
    regime: data.regime.slice(from, to),
  }));
}
