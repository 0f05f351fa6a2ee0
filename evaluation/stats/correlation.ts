/**
 * Pearson correlation with its two-sided p-value from the t distribution with n − 2
 * degrees of freedom (the test SciPy's `pearsonr` reports). With `controls` > 0 the inputs
 * are residuals after removing that many extra regressors (e.g. per-fold means: folds − 1
 * dummies), and the test loses as many degrees of freedom: a partial correlation.
 */
import { studentTTwoSided } from "./distributions.ts";
import type { Numbers } from "./descriptive.ts";

export interface CorrelationTest {
  n: number;
  r: number;
  pValue: number;
}

/** Null when fewer than three pairs or either variable is constant. */
export function pearson(x: Numbers, y: Numbers, controls = 0): CorrelationTest | null {
  if (x.length !== y.length) {
    throw new RangeError(`pearson: x has ${x.length} values but y has ${y.length}`);
  }
  const n = x.length;
  const df = n - 2 - controls;
  if (df < 1) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  const r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  if (Math.abs(r) === 1) return { n, r, pValue: 0 };
  const t = r * Math.sqrt(df / (1 - r * r));
  return { n, r, pValue: studentTTwoSided(t, df) };
}
