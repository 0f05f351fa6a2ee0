/** Counts of values in equal-width bins aligned on multiples of the width. */

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export function excessHistogram(values: number[], width: number): HistogramBin[] {
  if (!(width > 0)) throw new RangeError(`histogram bin width must be > 0: ${width}`);
  if (values.length === 0) return [];
  // Rounding guards against 0.015 / 0.005 landing a hair below 3.
  const index = (v: number) => Math.floor(Math.round((v / width) * 1e9) / 1e9);
  const low = Math.min(...values.map(index));
  const high = Math.max(...values.map(index));
  const bins = Array.from({ length: high - low + 1 }, (_, i) => ({
    from: (low + i) * width,
    to: (low + i + 1) * width,
    count: 0,
  }));
  for (const v of values) bins[index(v) - low].count++;
  return bins;
}
