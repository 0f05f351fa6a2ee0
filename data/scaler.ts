/**
 * Standardisation fitted on a fold's training rows only: mean and population standard
 * deviation per column. A constant column keeps std 1, so it scales to a constant 0 rather
 * than to NaN.
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

/** Scales rows [from, to) of `columns` (matching `scaler` by position) into a row-major matrix. */
export function standardize(
  columns: readonly Float64Array[],
  scaler: Pick<Standardizer, "mean" | "std">,
  rows: { from: number; to: number },
  offset = 0,
): Float32Array {
  const cols = columns.length;
  const out = new Float32Array((rows.to - rows.from) * cols);
  for (let t = rows.from; t < rows.to; t++) {
    for (let j = 0; j < cols; j++) {
      out[(t - rows.from) * cols + j] = (columns[j][t] - scaler.mean[j + offset]) /
        scaler.std[j + offset];
    }
  }
  return out;
}
