/** Descriptive statistics over plain arrays; undefined results are `null`, never NaN. */

export type Numbers = ArrayLike<number>;

export function mean(values: Numbers): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** Sample standard deviation (divisor n − 1), as fold-to-fold spreads are reported. */
export function sampleStd(values: Numbers): number | null {
  const n = values.length;
  if (n < 2) return null;
  const m = mean(values)!;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (values[i] - m) ** 2;
  return Math.sqrt(sum / (n - 1));
}

/** Quantile by linear interpolation between order statistics (NumPy's default, type 7). */
export function quantileSorted(sorted: Numbers, probability: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("quantile of an empty sample");
  const position = (n - 1) * probability;
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/** Ratio that is `null` when the denominator is zero or either side is undefined. */
export function ratio(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return numerator / denominator;
}
