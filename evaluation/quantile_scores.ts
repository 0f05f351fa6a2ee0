/**
 * Scores of quantile forecasts: pinball (quantile) loss averaged over levels and rows, the
 * coverage and mean width of each central interval formed by symmetric levels (0.1 and
 * 0.9 form the 80% interval), and calibration: the share of outcomes at or below each
 * predicted quantile, which should equal its level.
 */
import type { Numbers } from "./stats/descriptive.ts";

export interface IntervalScore {
  lowerLevel: number;
  upperLevel: number;
  /** Nominal coverage, upperLevel − lowerLevel. */
  nominal: number;
  coverage: number | null;
  width: number | null;
}

export interface QuantileCalibration {
  level: number;
  shareBelow: number | null;
}

export interface QuantileScores {
  pinball: number | null;
  intervals: IntervalScore[];
  calibration: QuantileCalibration[];
}

export interface QuantileInput {
  levels: number[];
  /** One column of predicted quantiles per level. */
  values: ArrayLike<number>[];
}

/** Mean pinball loss of one level's quantile forecasts. */
export function pinballLoss(quantile: Numbers, actual: Numbers, level: number): number | null {
  if (actual.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = actual[i] - quantile[i];
    sum += Math.max(level * e, (level - 1) * e);
  }
  return sum / actual.length;
}

/** Pairs of level indices (i, j) with levels[i] + levels[j] = 1 and i < j, widest first. */
export function symmetricPairs(levels: number[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < levels.length; i++) {
    const j = levels.findIndex((level, k) => k > i && Math.abs(level + levels[i] - 1) < 1e-9);
    if (j > i) pairs.push([i, j]);
  }
  return pairs;
}

export function quantileScores(quantiles: QuantileInput, actual: Numbers): QuantileScores {
  const { levels, values } = quantiles;
  const n = actual.length;
  const losses = levels.map((level, k) => pinballLoss(values[k], actual, level));
  const pinball = n === 0 ? null : losses.reduce((s: number, l) => s + l!, 0) / levels.length;
  const intervals = symmetricPairs(levels).map(([i, j]): IntervalScore => {
    let inside = 0;
    let width = 0;
    for (let r = 0; r < n; r++) {
      if (actual[r] >= values[i][r] && actual[r] <= values[j][r]) inside++;
      width += values[j][r] - values[i][r];
    }
    return {
      lowerLevel: levels[i],
      upperLevel: levels[j],
      nominal: levels[j] - levels[i],
      coverage: n ? inside / n : null,
      width: n ? width / n : null,
    };
  });
  const calibration = levels.map((level, k): QuantileCalibration => {
    let below = 0;
    for (let r = 0; r < n; r++) if (actual[r] <= values[k][r]) below++;
    return { level, shareBelow: n ? below / n : null };
  });
  return { pinball, intervals, calibration };
}
