/**
 * k nearest neighbours by Euclidean distance: the mean target of the k closest training
 * rows (ties broken by the earlier row). The training rows are the whole fit.
 */

/** Index of the k smallest of `values` (k ≤ length), found by quickselect on a copy. */
function kSmallest(values: Float64Array, k: number, order: Int32Array): void {
  for (let i = 0; i < order.length; i++) order[i] = i;
  let low = 0;
  let high = order.length - 1;
  const less = (a: number, b: number) =>
    values[a] < values[b] || (values[a] === values[b] && a < b);
  while (low < high) {
    const pivot = order[(low + high) >> 1];
    let i = low;
    let j = high;
    while (i <= j) {
      while (less(order[i], pivot)) i++;
      while (less(pivot, order[j])) j--;
      if (i <= j) {
        [order[i], order[j]] = [order[j], order[i]];
        i++;
        j--;
      }
    }
    if (k - 1 <= j) high = j;
    else if (k - 1 >= i) low = i;
    else break;
  }
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
  const order = new Int32Array(rows);
  const out = new Float64Array(queries.length / cols);
  for (let q = 0; q < out.length; q++) {
    for (let i = 0; i < rows; i++) {
      let d = 0;
      for (let j = 0; j < cols; j++) {
        const diff = x[i * cols + j] - queries[q * cols + j];
        d += diff * diff;
      }
      distances[i] = d;
    }
    kSmallest(distances, neighbours, order);
    let sum = 0;
    for (let r = 0; r < neighbours; r++) sum += y[order[r]];
    out[q] = sum / neighbours;
  }
  return out;
}
