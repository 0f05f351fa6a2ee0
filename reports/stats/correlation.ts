/**
 * Pearson correlation with its two-sided p-value from the t distribution with n − 2
 * degrees of freedom (the test SciPy's `pearsonr` reports).
 */
import { studentTTwoSided } from "./distributions.ts";
import type { Numbers } from "./descriptive.ts";

export interface CorrelationTest {
  n: number;
  r: number;
  pValue: number;
}

/** Null when fewer than three pairs or either variable is constant. */
export function pearson(x: Numbers, y: Numbers): CorrelationTest | null {
  if (x.length !== y.length) {
    throw new RangeError(`pearson: x has ${x.length} values but y has ${y.length}`);
  }
  const n = x.length;
  if (n < 3) return null;
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
  const t = r * Math.sqrt((n - 2) / (1 - r * r));
  return { n, r, pValue: studentTTwoSided(t, n - 2) };
}
