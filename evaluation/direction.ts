/**
 * Directional accuracy and the always-long base rate on the same rows. A forecast > 0
 * calls "up", ≤ 0 "down"; a realised return > 0 is "up". Always-long calls "up" on every
 * row, so its accuracy is the share of up moves among exactly the rows the model scored.
 */
import type { Numbers } from "./stats/descriptive.ts";

export interface DirectionScore {
  n: number;
  /** Share of correct direction calls. */
  da: number | null;
  /** Always-long's accuracy on the same rows: the share of realised up moves. */
  baseRate: number | null;
  /** da − baseRate (paired: same rows). */
  excess: number | null;
}

/** 1 where the forecast's direction matches the realised one. */
export function directionHits(point: Numbers, actual: Numbers): Uint8Array {
  return Uint8Array.from(
    { length: point.length },
    (_, i) => (point[i] > 0) === (actual[i] > 0) ? 1 : 0,
  );
}

/** 1 where the realised return is up (always-long's hits). */
export function upMoves(actual: Numbers): Uint8Array {
  return Uint8Array.from({ length: actual.length }, (_, i) => actual[i] > 0 ? 1 : 0);
}

/** Direction score of the rows at `rows` (all rows when omitted). */
export function directionScore(
  hits: Uint8Array,
  up: Uint8Array,
  rows?: ArrayLike<number>,
): DirectionScore {
  const n = rows ? rows.length : hits.length;
  if (n === 0) return { n, da: null, baseRate: null, excess: null };
  let hitCount = 0;
  let upCount = 0;
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k] : k;
    hitCount += hits[i];
    upCount += up[i];
  }
  const da = hitCount / n;
  const baseRate = upCount / n;
  return { n, da, baseRate, excess: da - baseRate };
}
