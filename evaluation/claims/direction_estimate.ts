/**
 * Direction accuracy of one run of a claim, as a claims-audit {@link Estimate}: the share of
 * correct up/down calls, a block-bootstrap 95% interval (circular blocks of the cube root of
 * the row count, so short-range dependence is kept), and the Diebold–Mariano p-value of its
 * 0/1 loss against always-long on the same rows. Always-long's own estimate comes from
 * {@link alwaysLongEstimate} on the same rows, so the two intervals are comparable.
 */
import type { Estimate } from "./claim_row.ts";
import { blockBootstrap, defaultBlockLength } from "../stats/bootstrap.ts";
import { dieboldMariano } from "../stats/diebold_mariano.ts";
import { directionHits, upMoves } from "../direction.ts";
import type { Numbers } from "../stats/descriptive.ts";

export interface DirectionEstimateOptions {
  /** Point forecasts of the return (their sign is the call) … */
  point: Numbers;
  /** … and the realised returns of the same rows. */
  actual: Numbers;
  /** Seed of the bootstrap (a string, e.g. the node id and the pipeline seed). */
  seed: string;
  /** Leaks and departures this run carries (empty for a leak-free run). */
  departures?: string[];
  /** Bootstrap resamples (default 1000). */
  reps?: number;
}

function intervalOf(hits: Uint8Array, seed: string, reps: number) {
  const rows = Int32Array.from({ length: hits.length }, (_, i) => i);
  const [interval] = blockBootstrap({
    strata: [rows],
    statistics: (drawn) => {
      let sum = 0;
      for (const i of drawn) sum += hits[i];
      return [drawn.length ? sum / drawn.length : 0];
    },
    reps,
    level: 0.95,
    blockLength: defaultBlockLength(hits.length, 1),
    seed,
  });
  return interval;
}

function share(hits: Uint8Array): number {
  let sum = 0;
  for (const h of hits) sum += h;
  return sum / hits.length;
}

function checkRows(point: Numbers, actual: Numbers) {
  if (point.length !== actual.length) {
    throw new RangeError(
      `direction estimate: ${point.length} forecasts but ${actual.length} realised returns`,
    );
  }
  if (point.length === 0) throw new RangeError("direction estimate: no rows to score");
}

/** A model's direction accuracy with its interval and its test against always-long. */
export function directionEstimate(options: DirectionEstimateOptions): Estimate {
  const { point, actual, seed, departures = [], reps = 1000 } = options;
  checkRows(point, actual);
  const hits = directionHits(point, actual);
  const up = upMoves(actual);
  const value = share(hits);
  const interval = intervalOf(hits, seed, reps);
  const dm = dieboldMariano({
    lossModel: Float64Array.from(hits, (h) => 1 - h),
    lossBenchmark: Float64Array.from(up, (u) => 1 - u),
    horizon: 1,
  });
  return {
    value,
    low: interval ? Math.min(interval.low, value) : null,
    high: interval ? Math.max(interval.high, value) : null,
    rows: hits.length,
    pValue: dm.pValue,
    departures: [...departures],
  };
}

/** Always-long's accuracy (the share of up days) on the given rows, with its interval. */
export function alwaysLongEstimate(actual: Numbers, seed: string, reps = 1000): Estimate {
  checkRows(actual, actual);
  const up = upMoves(actual);
  const value = share(up);
  const interval = intervalOf(up, seed, reps);
  return {
    value,
    low: interval ? Math.min(interval.low, value) : null,
    high: interval ? Math.max(interval.high, value) : null,
    rows: up.length,
    pValue: null,
    departures: [],
  };
}
