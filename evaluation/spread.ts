/**
 * How much the point forecasts move compared with the returns they forecast, and how
 * often they call "up": the first signs of a collapse to always-long (near-constant,
 * mostly positive predictions).
 */
import { ratio, sampleStd } from "./stats/descriptive.ts";
import type { Numbers } from "./stats/descriptive.ts";

export interface Spread {
  predictionStd: number | null;
  actualStd: number | null;
  /** predictionStd / actualStd. */
  stdRatio: number | null;
  /** Share of point forecasts > 0. */
  shareLong: number | null;
}

export function spreadOf(point: Numbers, actual: Numbers): Spread {
  const predictionStd = sampleStd(point);
  const actualStd = sampleStd(actual);
  let long = 0;
  for (let i = 0; i < point.length; i++) if (point[i] > 0) long++;
  return {
    predictionStd,
    actualStd,
    stdRatio: ratio(predictionStd, actualStd),
    shareLong: point.length ? long / point.length : null,
  };
}
