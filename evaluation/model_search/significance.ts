/**
 * Data-snooping-adjusted significance of a model search against always-long: White's
 * Reality Check and Hansen's SPA on the directional loss differentials of every model (same
 * rows, stationary bootstrap), and each model's own one-sided test before and after Holm and
 * Benjamini–Hochberg.
 */
import {
  prepareSnooping,
  realityCheck,
  superiorPredictiveAbility,
} from "../stats/data_snooping.ts";
import { quantileSorted } from "../stats/descriptive.ts";
import { normalCdf } from "../stats/distributions.ts";
import { benjaminiHochberg, holm } from "../stats/multiple_testing.ts";
import { stationaryBootstrap } from "../stats/stationary_bootstrap.ts";

export interface SnoopingResult {
  reps: number;
  meanBlock: number;
  realityCheck: { statistic: number; pValue: number; best: number };
  spa: {
    statistic: number;
    pValues: { lower: number; consistent: number; upper: number };
    best: number;
  };
}

export interface SignificanceShares {
  level: number;
  /** Share of models whose own p-value is below the level, unadjusted. */
  raw: number;
  holm: number;
  benjaminiHochberg: number;
}

export interface SnoopingRun {
  tests: SnoopingResult;
  /**
   * Percentile interval (95%) of model k's excess over always-long from the same resamples
   * (its resampled mean differentials).
   */
  excessInterval(k: number): { low: number; high: number };
}

export function snoopingTests(
  differentials: Int8Array[],
  options: { reps: number; meanBlock: number; seed: string },
): SnoopingRun {
  const resamples = stationaryBootstrap({
    rows: differentials[0].length,
    reps: options.reps,
    meanBlock: options.meanBlock,
    seed: options.seed,
  });
  const input = { differentials, resamples };
  const prepared = prepareSnooping(input);
  const spa = superiorPredictiveAbility(input, prepared);
  return {
    tests: {
      reps: options.reps,
      meanBlock: options.meanBlock,
      realityCheck: realityCheck(input, prepared),
      spa: { statistic: spa.statistic, pValues: spa.pValues, best: spa.best },
    },
    excessInterval: (k) => {
      const draws = prepared.resampledMeans.map((m) => m[k]).sort((a, b) => a - b);
      return { low: quantileSorted(draws, 0.025), high: quantileSorted(draws, 0.975) };
    },
  };
}

/**
 * One-sided p-value of "mean differential > 0" (√n·d̄/s against the normal); null when the
 * model's calls equal always-long's on every row that matters (all differentials equal).
 */
export function excessPValue(d: ArrayLike<number>): number | null {
  const n = d.length;
  let sum = 0;
  for (let t = 0; t < n; t++) sum += d[t];
  const m = sum / n;
  let squares = 0;
  for (let t = 0; t < n; t++) squares += (d[t] - m) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  if (!(sd > 0)) return null;
  return 1 - normalCdf((Math.sqrt(n) * m) / sd);
}

export function significanceShares(
  pValues: Array<number | null>,
  level: number,
): SignificanceShares {
  const share = (ps: Array<number | null>) =>
    ps.filter((p) => p !== null && p < level).length / ps.length;
  return {
    level,
    raw: share(pValues),
    holm: share(holm(pValues)),
    benjaminiHochberg: share(benjaminiHochberg(pValues)),
  };
}
