/**
 * Standardisation fitted on a fold's training rows only: mean and population standard
 * deviation per column. A constant column keeps std 1, so it scales to a constant 0 rather
 * than to NaN. Scaled values can be clipped at ±`clip` standard deviations: a macro series
 * that barely moved in the training window (monthly unemployment changes before 2020) can
 * otherwise reach +70 sd out of sample, and one such input dominates any model fitted on it.
 */

export interface Standardizer {
  names: string[];
  mean: number[];
  std: number[];
}

/** Fits on rows [from, to) of each column. */
export function fitStandardizer(
  names: readonly string[],
  columns: readonly Float64Array[],
  rows: { from: number; to: number },
): Standardizer {
  const count = rows.to - rows.from;
  if (count < 2) throw new Error(`cannot fit a scaler on ${count} training rows`);
  const mean: number[] = [];
  const std: number[] = [];
  for (const column of columns) {
    let sum = 0;
    for (let t = rows.from; t < rows.to; t++) sum += column[t];
    const m = sum / count;
    let squares = 0;
    for (let t = rows.from; t < rows.to; t++) squares += (column[t] - m) ** 2;
    const s = Math.sqrt(squares / count);
    mean.push(m);
    std.push(s > 1e-12 ? s : 1);
  }
  return { names: names.slice(), mean, std };
}

export interface StandardizeOptions {
  /** Scale rows [from, to) of each column. */
  rows: { from: number; to: number };
  /** Index of the first column in the scaler (when the scaler covers several blocks). */
  offset?: number;
  /** Clip scaled values to [−clip, clip]; null keeps them as they are. */
  clip?: number | null;
}

/** Scales `columns` (matching `scaler` by position) into a row-major matrix. */
export function standardize(
  columns: readonly Float64Array[],
  scaler: Pick<Standardizer, "mean" | "std">,
  options: StandardizeOptions,
): Float32Array {
  const { rows, offset = 0, clip = null } = options;
  const bound = clip ?? Infinity;
  const cols = columns.length;
  const out = new Float32Array((rows.to - rows.from) * cols);
  for (let t = rows.from; t < rows.to; t++) {
    for (let j = 0; j < cols; j++) {
      const z = (columns[j][t] - scaler.mean[j + offset]) / scaler.std[j + offset];
      // NaN passes through unchanged, so missing values stay visible downstream.
      out[(t - rows.from) * cols + j] = z > bound ? bound : z < -bound ? -bound : z;
    }
  }
  return out;
}
