/**
 * Synthetic paths against the real index on the same period: each stylised fact
 * (evaluation/stylised_facts.ts) of the real returns beside the median and the 5–95% band of
 * the same fact over the sampled paths (each as long as the real period). A fact is
 * "reproduced" when the real value lies inside the band, else the paths are "too low" or
 * "too high" on it.
 */
import { stylisedFacts } from "../stylised_facts.ts";
import { quantileSorted } from "../stats/descriptive.ts";

export const FACT_NAMES = [
  "volatility",
  "excessKurtosis",
  "returnAcf1",
  "absoluteAcf1to5",
  "absoluteAcf6to10",
  "leverage1to5",
  "maxDrawdown",
  "medianDrawdown",
] as const;
export type FactName = (typeof FACT_NAMES)[number];

/** What each fact is, for the report. */
export const FACT_LABELS: Record<FactName, string> = {
  volatility: "daily volatility (std of r)",
  excessKurtosis: "excess kurtosis (fat tails)",
  returnAcf1: "autocorrelation of r, lag 1",
  absoluteAcf1to5: "autocorrelation of |r|, lags 1–5 (clustering)",
  absoluteAcf6to10: "autocorrelation of |r|, lags 6–10",
  leverage1to5: "corr(r_t, |r_t+k|), k 1–5 (leverage)",
  maxDrawdown: "maximum drawdown",
  medianDrawdown: "median drawdown depth",
};

const average = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;

export function factValues(r: ArrayLike<number>): Record<FactName, number> {
  const facts = stylisedFacts(r, 10);
  const values = Array.from(r);
  const m = average(values);
  return {
    volatility: Math.sqrt(average(values.map((v) => (v - m) ** 2))),
    excessKurtosis: facts.excessKurtosis,
    returnAcf1: facts.returnAcf[0],
    absoluteAcf1to5: average(facts.absoluteAcf.slice(0, 5)),
    absoluteAcf6to10: average(facts.absoluteAcf.slice(5, 10)),
    leverage1to5: average(facts.leverage.slice(0, 5)),
    maxDrawdown: facts.maxDrawdown,
    medianDrawdown: facts.drawdownDepth.median,
  };
}

export interface FactComparison {
  fact: FactName;
  real: number;
  median: number;
  low: number;
  high: number;
  verdict: "reproduced" | "too low" | "too high";
}

/** Facts of `real` beside their distribution over `paths` (each a return series). */
export function compareFacts(
  real: ArrayLike<number>,
  paths: ArrayLike<number>[],
): FactComparison[] {
  if (paths.length < 2) throw new RangeError(`compare facts: need ≥ 2 paths, got ${paths.length}`);
  const observed = factValues(real);
  const sampled = paths.map(factValues);
  return FACT_NAMES.map((fact) => {
    const sorted = sampled.map((s) => s[fact]).filter(Number.isFinite).sort((a, b) => a - b);
    const [low, median, high] = [0.05, 0.5, 0.95].map((p) => quantileSorted(sorted, p));
    const real = observed[fact];
    const verdict = real < low ? "too high" : real > high ? "too low" : "reproduced";
    return { fact, real, median, low, high, verdict };
  });
}
