/**
 * Fusing constituent forecasts into an index forecast, at each forecast origin:
 *
 * - **average**: the plain mean of the constituents that have a forecast at that origin;
 * - **weighted**: Σ w_n f_n / Σ w_n over those constituents, with point-in-time weights
 *   (weights.ts), so a constituent without a forecast at an origin (not yet listed, or no
 *   full input window) gets no weight there and the others are renormalised;
 * - **weighted-decay**: the weighted forecast smoothed with a short-term exponential decay,
 *   d_i = f_i + δ·(d_{i−1} − f_i) over the split's origins in time order: a share δ of
 *   yesterday's fused view carries into today's (the source paper's "short-term decay factor
 *   in the prediction process"). δ = 0 gives exactly the weighted forecast; δ is chosen on the
 *   validation origins only (`chooseDecay`).
 *
 * Forecasts are [origins, members, horizon] row-major, NaN where a constituent has none.
 */

export interface MemberForecasts {
  origins: number;
  members: number;
  horizon: number;
  /** [origins, members, horizon] row-major; NaN where the member has no forecast. */
  point: Float64Array;
}

export type FusionMethod = "average" | "weighted" | "weighted-decay";

/** [origins, horizon]: the (weighted) mean of the members with a forecast; NaN if none. */
export function fuseForecasts(
  forecasts: MemberForecasts,
  weights: readonly number[] | null,
): Float64Array {
  const { origins, members: N, horizon: H, point } = forecasts;
  if (weights !== null && weights.length !== N) {
    throw new RangeError(`fusion: ${weights.length} weights for ${N} members`);
  }
  const out = new Float64Array(origins * H).fill(NaN);
  for (let i = 0; i < origins; i++) {
    for (let h = 0; h < H; h++) {
      let sum = 0;
      let total = 0;
      for (let n = 0; n < N; n++) {
        const f = point[(i * N + n) * H + h];
        const w = weights === null ? 1 : weights[n];
        if (!Number.isFinite(f) || !(w > 0)) continue;
        sum += w * f;
        total += w;
      }
      if (total > 0) out[i * H + h] = sum / total;
    }
  }
  return out;
}

/** The short-term decay d_i = f_i + δ·(d_{i−1} − f_i) per step, over origins in time order. */
export function decayForecasts(fused: Float64Array, horizon: number, decay: number): Float64Array {
  if (!(decay >= 0 && decay < 1)) throw new RangeError(`fusion decay must be in [0, 1): ${decay}`);
  const out = new Float64Array(fused.length);
  const origins = fused.length / horizon;
  for (let h = 0; h < horizon; h++) {
    let previous = NaN;
    for (let i = 0; i < origins; i++) {
      const f = fused[i * horizon + h];
      const d = Number.isFinite(previous) ? f + decay * (previous - f) : f;
      out[i * horizon + h] = d;
      previous = d;
    }
  }
  return out;
}

/** Share of step-1 sign calls (forecast > 0 = up) that match the realised direction (> 0). */
export function directionalAccuracy(
  point: ArrayLike<number>,
  actual: ArrayLike<number>,
  horizon: number,
): number {
  let hits = 0;
  let rows = 0;
  for (let i = 0; i * horizon < point.length; i++) {
    const f = point[i * horizon];
    const a = actual[i * horizon];
    if (!Number.isFinite(f) || !Number.isFinite(a)) continue;
    rows++;
    if ((f > 0) === (a > 0)) hits++;
  }
  return rows === 0 ? NaN : hits / rows;
}

/**
 * The decay of `grid` whose decayed validation forecasts have the highest directional
 * accuracy (ties: the smallest decay), with every candidate's accuracy for the record.
 */
export function chooseDecay(options: {
  fused: Float64Array;
  actual: ArrayLike<number>;
  horizon: number;
  grid: readonly number[];
}): { decay: number; accuracy: Record<string, number> } {
  const { fused, actual, horizon } = options;
  const grid = [...new Set(options.grid)].sort((a, b) => a - b);
  if (grid.length === 0) throw new RangeError("fusion: the decay grid is empty");
  const accuracy: Record<string, number> = {};
  let best = grid[0];
  let bestAccuracy = -Infinity;
  for (const decay of grid) {
    const da = directionalAccuracy(decayForecasts(fused, horizon, decay), actual, horizon);
    accuracy[String(decay)] = da;
    if (da > bestAccuracy) {
      best = decay;
      bestAccuracy = da;
    }
  }
  return { decay: best, accuracy };
}
