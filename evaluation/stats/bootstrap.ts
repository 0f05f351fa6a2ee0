/**
 * Seeded, stratified moving-block bootstrap of paired statistics.
 *
 * The model and always-long are scored on the same rows, so each resample draws rows
 * (in circular blocks that keep short-range dependence, within each stratum, e.g. a fold)
 * and recomputes every statistic on the same drawn rows: the interval of the excess is
 * paired. Intervals are percentile intervals. The generator is the project's own seeded
 * one (`models/tf/rng.ts`: sfc32 seeded from the seed string), so the same seed gives the
 * same interval.
 */
import { SeededRandom, seedFrom } from "../../models/tf/rng.ts";
import { quantileSorted } from "./descriptive.ts";

export interface BootstrapOptions {
  /** Row indices of each stratum, in time order; resampling never crosses strata. */
  strata: ArrayLike<number>[];
  /** Statistics of a resample, given the drawn row indices (row may repeat). */
  statistics: (rows: Int32Array) => number[];
  reps: number;
  /** Central coverage of the interval, e.g. 0.95. */
  level: number;
  /** Block length in rows; clipped to each stratum's size. */
  blockLength: number;
  seed: string;
}

export interface BootstrapInterval {
  low: number;
  high: number;
}

/** One percentile interval per statistic; null ones when there are no rows at all. */
export function blockBootstrap(options: BootstrapOptions): Array<BootstrapInterval | null> {
  const { strata, statistics, reps, level, blockLength, seed } = options;
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`bootstrap level must be in (0, 1): ${level}`);
  }
  if (!Number.isInteger(reps) || reps < 1) {
    throw new RangeError(`bootstrap reps must be ≥ 1: ${reps}`);
  }
  const total = strata.reduce((sum, s) => sum + s.length, 0);
  const width = statistics(new Int32Array(0)).length;
  if (total === 0) return Array.from({ length: width }, () => null);
  const random = new SeededRandom(seedFrom("bootstrap", seed));
  const draws = Array.from({ length: width }, () => new Float64Array(reps));
  const rows = new Int32Array(total);
  for (let rep = 0; rep < reps; rep++) {
    let filled = 0;
    for (const stratum of strata) {
      const n = stratum.length;
      const block = Math.max(1, Math.min(blockLength, n));
      let taken = 0;
      while (taken < n) {
        const start = random.int(n);
        for (let k = 0; k < block && taken < n; k++, taken++) {
          rows[filled++] = stratum[(start + k) % n];
        }
      }
    }
    const values = statistics(rows);
    for (let s = 0; s < width; s++) draws[s][rep] = values[s];
  }
  const tail = (1 - level) / 2;
  return draws.map((values) => {
    const sorted = values.sort();
    return { low: quantileSorted(sorted, tail), high: quantileSorted(sorted, 1 - tail) };
  });
}

/** Default block length: the cube root of the sample size, at least the forecast step. */
export function defaultBlockLength(rows: number, step: number): number {
  return Math.max(step, Math.round(Math.cbrt(rows)));
}
