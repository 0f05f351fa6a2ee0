/**
 * Data-snooping tests for "the best of N models beats the benchmark": after many variants
 * are tried, the best one's own p-value means little. Both tests take the loss differentials
 * d[k][t] = L_benchmark(t) − L_k(t) of every model tried (positive: model k did better on row
 * t), on the same rows, and ask whether any model's expected differential is positive.
 *
 * - White's Reality Check (White 2000): V = max_k √n·d̄_k against the bootstrap distribution
 *   of max_k √n·(d̄*_k − d̄_k).
 * - Hansen's test of Superior Predictive Ability (Hansen 2005): studentised statistic
 *   T = max(0, max_k √n·d̄_k / ω_k), with three recentrings of the bootstrap null — lower
 *   (μ = max(d̄, 0)), consistent (μ = d̄ where √n·d̄/ω ≥ −√(2 ln ln n), else 0) and upper
 *   (μ = d̄, the Reality Check's) — giving liberal, consistent and conservative p-values.
 *   Poorly performing models then no longer dilute the test as they do the Reality Check's.
 *   ω²_k is the bootstrap variance of √n·d̄*_k.
 *
 * The resamples are an argument (`stationaryBootstrap` makes them), so a small example can
 * be checked by hand against explicit resamples.
 */
import { mean } from "./descriptive.ts";

export interface SnoopingInput {
  /** Loss differentials per model: differentials[k][t], all of the same length n. */
  differentials: ReadonlyArray<ArrayLike<number>>;
  /** Bootstrap resamples of the row indices 0 … n − 1. */
  resamples: ReadonlyArray<Int32Array>;
}

export interface RealityCheck {
  statistic: number;
  pValue: number;
  /** Index of the model with the largest mean differential. */
  best: number;
}

export interface SpaTest {
  statistic: number;
  pValues: { lower: number; consistent: number; upper: number };
  best: number;
}

/** What both tests compute from the input; `prepareSnooping` once, then pass it to each. */
export interface PreparedSnooping {
  n: number;
  means: number[];
  /** Resampled means: resampledMeans[b][k]. */
  resampledMeans: number[][];
}

/** Runs of consecutive row indices in a resample, as [first row, length] pairs. */
function runsOf(rows: Int32Array): Int32Array {
  const runs: number[] = [];
  let start = 0;
  for (let t = 1; t <= rows.length; t++) {
    if (t < rows.length && rows[t] === rows[t - 1] + 1) continue;
    runs.push(rows[start], t - start);
    start = t;
  }
  return Int32Array.from(runs);
}

/**
 * Checks the input and computes every model's mean and resampled means. A stationary
 * bootstrap resample is made of blocks of consecutive rows, so each resampled sum is a sum
 * of block sums read off the model's prefix sums: O(blocks) per model and resample instead
 * of O(n), which is what makes thousands of models on thousands of rows affordable.
 */
export function prepareSnooping({ differentials, resamples }: SnoopingInput): PreparedSnooping {
  if (differentials.length === 0) throw new RangeError("data-snooping test needs ≥ 1 model");
  const n = differentials[0].length;
  differentials.forEach((d, k) => {
    if (d.length !== n) {
      throw new RangeError(`model ${k} has ${d.length} differentials; model 0 has ${n}`);
    }
  });
  if (n < 2) throw new RangeError(`data-snooping test needs ≥ 2 rows, got ${n}`);
  if (resamples.length === 0) throw new RangeError("data-snooping test needs ≥ 1 resample");
  resamples.forEach((rows, b) => {
    if (rows.length !== n) throw new RangeError(`resample ${b} has ${rows.length} rows, not ${n}`);
  });
  const means = differentials.map((d) => mean(d)!);
  const runs = resamples.map(runsOf);
  const resampledMeans = resamples.map(() => new Array<number>(differentials.length));
  const prefix = new Float64Array(n + 1);
  differentials.forEach((d, k) => {
    for (let t = 0; t < n; t++) prefix[t + 1] = prefix[t] + d[t];
    runs.forEach((blocks, b) => {
      let sum = 0;
      for (let i = 0; i < blocks.length; i += 2) {
        sum += prefix[blocks[i] + blocks[i + 1]] - prefix[blocks[i]];
      }
      resampledMeans[b][k] = sum / n;
    });
  });
  return { n, means, resampledMeans };
}

const argMax = (values: number[]) =>
  values.reduce((best, v, i) => (v > values[best] ? i : best), 0);

/** The largest value (a loop: spreading tens of thousands of models overflows the stack). */
function maxOf(values: ArrayLike<number>, floor = -Infinity): number {
  let max = floor;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  return max;
}

/** Share of bootstrap draws at or above the observed statistic. */
const exceedance = (draws: number[], observed: number) =>
  draws.filter((v) => v >= observed).length / draws.length;

export function realityCheck(
  input: SnoopingInput,
  prepared: PreparedSnooping = prepareSnooping(input),
): RealityCheck {
  const { n, means, resampledMeans } = prepared;
  const root = Math.sqrt(n);
  const statistic = root * maxOf(means);
  const draws = resampledMeans.map((m) => root * maxOf(m.map((v, k) => v - means[k])));
  return { statistic, pValue: exceedance(draws, statistic), best: argMax(means) };
}

export function superiorPredictiveAbility(
  input: SnoopingInput,
  prepared: PreparedSnooping = prepareSnooping(input),
): SpaTest {
  const { n, means, resampledMeans } = prepared;
  const root = Math.sqrt(n);
  const omega = means.map((_, k) => {
    const scaled = resampledMeans.map((m) => root * m[k]);
    const centre = mean(scaled)!;
    const variance = scaled.reduce((s, v) => s + (v - centre) ** 2, 0) / scaled.length;
    return Math.sqrt(variance);
  });
  const t = means.map((m, k) => (omega[k] > 0 ? (root * m) / omega[k] : 0));
  const statistic = maxOf(t, 0);
  // Hansen's −√(2 ln ln n); for n < 3, where ln ln n ≤ 0, no model below zero keeps its mean.
  const loglog = Math.log(Math.log(n));
  const threshold = loglog > 0 ? -Math.sqrt(2 * loglog) : 0;
  const centres = {
    lower: means.map((m) => Math.max(m, 0)),
    consistent: means.map((m, k) => (t[k] >= threshold ? m : 0)),
    upper: means,
  };
  const pValue = (mu: number[]) => {
    const draws = resampledMeans.map((m) =>
      maxOf(m.map((v, k) => (omega[k] > 0 ? (root * (v - mu[k])) / omega[k] : 0)), 0)
    );
    return exceedance(draws, statistic);
  };
  return {
    statistic,
    pValues: {
      lower: pValue(centres.lower),
      consistent: pValue(centres.consistent),
      upper: pValue(centres.upper),
    },
    best: argMax(means),
  };
}
