/**
 * Diebold–Mariano (1995) test of equal predictive accuracy with the small-sample
 * correction of Harvey, Leybourne and Newbold (1997).
 *
 * With loss differential d_t = L(model) − L(benchmark), the long-run variance of d̄ uses
 * the autocovariances up to lag h − 1 (an h-step forecast error is at most MA(h − 1)),
 * equally weighted as in the original paper; if that estimate is not positive, Bartlett
 * (Newey–West) weights are used instead. The HLN factor
 * √((n + 1 − 2h + h(h − 1)/n) / n) scales the statistic, compared with Student's t on
 * n − 1 degrees of freedom (two-sided). A negative statistic means the model's loss is
 * lower than the benchmark's.
 */
import { studentTTwoSided } from "./distributions.ts";
import type { Numbers } from "./descriptive.ts";

export interface DieboldMariano {
  n: number;
  horizon: number;
  /** Mean of L(model) − L(benchmark). */
  meanDifference: number;
  /** Null when the losses are identical on every row (nothing to test). */
  stat: number | null;
  pValue: number | null;
  kernel: "uniform" | "bartlett";
}

function autocovariance(d: Numbers, mean: number, lag: number): number {
  let sum = 0;
  for (let t = lag; t < d.length; t++) sum += (d[t] - mean) * (d[t - lag] - mean);
  return sum / d.length;
}

function longRunVariance(d: Numbers, mean: number, maxLag: number, bartlett: boolean): number {
  let variance = autocovariance(d, mean, 0);
  for (let k = 1; k <= maxLag; k++) {
    const weight = bartlett ? 1 - k / (maxLag + 1) : 1;
    variance += 2 * weight * autocovariance(d, mean, k);
  }
  return variance;
}

/** `lossModel[t]` and `lossBenchmark[t]` are the two forecasts' losses on row t. */
export function dieboldMariano(
  options: { lossModel: Numbers; lossBenchmark: Numbers; horizon: number },
): DieboldMariano {
  const { lossModel, lossBenchmark, horizon } = options;
  const n = lossModel.length;
  if (lossBenchmark.length !== n) {
    throw new RangeError(
      `Diebold–Mariano: ${n} model losses but ${lossBenchmark.length} benchmark`,
    );
  }
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new RangeError(`Diebold–Mariano: horizon must be a positive integer, got ${horizon}`);
  }
  const d = new Float64Array(n);
  let sum = 0;
  for (let t = 0; t < n; t++) {
    d[t] = lossModel[t] - lossBenchmark[t];
    sum += d[t];
  }
  const meanDifference = n > 0 ? sum / n : NaN;
  const maxLag = Math.min(horizon - 1, n - 1);
  let kernel: DieboldMariano["kernel"] = "uniform";
  let variance = n > 1 ? longRunVariance(d, meanDifference, maxLag, false) : 0;
  if (!(variance > 0) && maxLag > 0) {
    kernel = "bartlett";
    variance = longRunVariance(d, meanDifference, maxLag, true);
  }
  if (n < 2 || !(variance > 1e-300)) {
    return { n, horizon, meanDifference, stat: null, pValue: null, kernel };
  }
  const dm = meanDifference / Math.sqrt(variance / n);
  const h = horizon;
  const correction = Math.sqrt((n + 1 - 2 * h + (h * (h - 1)) / n) / n);
  const stat = dm * correction;
  return { n, horizon, meanDifference, stat, pValue: studentTTwoSided(stat, n - 1), kernel };
}
