/**
 * k nearest neighbours by Euclidean distance: the mean target of the k closest training
 * rows (ties broken by the earlier row). The training rows are the whole fit.
 */

/**
 * The k-th smallest value (k from 0) of `values`, by quickselect; reorders `values`.
 */
export function kthSmallest(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1];
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i] = values[j];
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else break;
  }
  return values[k];
}

export interface KnnData {
  /** Row-major [rows, cols]. */
  x: Float64Array;
  y: Float64Array;
  cols: number;
}

/** Mean target of the k nearest training rows to each query row (row-major [rows, cols]). */
export function knnPredict(train: KnnData, queries: Float64Array, k: number): Float64Array {
  const { x, y, cols } = train;
  const rows = y.length;
  const neighbours = Math.min(k, rows);
  const distances = new Float64Array(rows);
  const scratch = new Float64Array(rows);
  const out = new Float64Array(queries.length / cols);
  // Column-major copies: the distance loop then runs over one plain array per input.
  const columns = Array.from(
    { length: cols },
    (_, j) => Float64Array.from(y, (_, i) => x[i * cols + j]),
  );
  for (let q = 0; q < out.length; q++) {
    distances.fill(0);
    for (let j = 0; j < cols; j++) {
      const column = columns[j];
      const value = queries[q * cols + j];
      for (let i = 0; i < rows; i++) {
        const diff = column[i] - value;
        distances[i] += diff * diff;
      }
    }
    scratch.set(distances);
    const kth = kthSmallest(scratch, neighbours - 1);
    // Every row nearer than the k-th distance, then rows at it, earliest first, up to k.
    let sum = 0;
    let taken = 0;
    for (let i = 0; i < rows; i++) {
      if (distances[i] < kth) {
        sum += y[i];
        taken++;
      }
    }
    for (let i = 0; i < rows && taken < neighbours; i++) {
      if (distances[i] === kth) {
        sum += y[i];
        taken++;
      }
    }
    out[q] = sum / neighbours;
  }
  return out;
}
