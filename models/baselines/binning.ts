/**
 * Quantile binning of tabular inputs for histogram tree growth (as LightGBM and
 * scikit-learn's HistGradientBoosting do): each column gets at most `maxBins` bins whose
 * edges are midpoints between training values at sample quantiles. With no more distinct
 * values than bins, every midpoint is an edge and split search is exact CART.
 *
 * bin(x) is the first k with x ≤ edges[k] (or the last bin), so "bin ≤ k" is exactly
 * "x ≤ edges[k]": a tree grown on bins predicts raw values with the same thresholds.
 */
import { MAX_BINS } from "./bin_limit.ts";

export interface BinnedInputs {
  rows: number;
  cols: number;
  /** Column-major bin indices: bins[col * rows + row]. */
  bins: Uint8Array;
  /** Ascending split thresholds per column (bin count = edges.length + 1). */
  edges: Float64Array[];
}

export { MAX_BINS };

/** Bins a row-major [rows, cols] matrix using edges computed from its own values. */
export function binInputs(
  values: Float64Array,
  rows: number,
  cols: number,
  maxBins: number,
): BinnedInputs {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS) {
    throw new Error(`binInputs: maxBins must be an integer in 2..${MAX_BINS}, got ${maxBins}`);
  }
  const bins = new Uint8Array(rows * cols);
  const edges: Float64Array[] = [];
  const column = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) column[i] = values[i * cols + j];
    const columnEdges = quantileEdges(column.slice().sort(), maxBins);
    edges.push(columnEdges);
    for (let i = 0; i < rows; i++) bins[j * rows + i] = binOf(columnEdges, column[i]);
  }
  return { rows, cols, bins, edges };
}

/** Midpoints between consecutive distinct sorted values at (up to) maxBins − 1 quantiles. */
function quantileEdges(sorted: Float64Array, maxBins: number): Float64Array {
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  }
  const edges: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 1; i < distinct.length; i++) edges.push((distinct[i - 1] + distinct[i]) / 2);
    return Float64Array.from(edges);
  }
  const n = sorted.length;
  for (let k = 1; k < maxBins; k++) {
    const position = Math.floor((k * n) / maxBins);
    if (position < 1 || sorted[position - 1] === sorted[position]) continue;
    const edge = (sorted[position - 1] + sorted[position]) / 2;
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  }
  return Float64Array.from(edges);
}

function binOf(edges: Float64Array, x: number): number {
  let low = 0, high = edges.length; // first k with x <= edges[k], else edges.length
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (x <= edges[mid]) high = mid;
    else low = mid + 1;
  }
  return low;
}
