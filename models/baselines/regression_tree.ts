/**
 * A least-squares regression tree grown on binned inputs (see `binning.ts`), the weak learner
 * of the random forest and gradient boosting baselines. Each split maximises the reduction
 * in squared error, SL²/nL + SR²/nR − S²/n, over the candidate columns' bin boundaries;
 * `maxFeatures` < cols draws the candidates per split (Breiman's random forest). Samples may
 * repeat (bootstrap). Deterministic: ties keep the first candidate and the lowest bin.
 *
 * npm's ml-cart evaluates every threshold by re-partitioning all samples (O(n²) per column
 * and node; 500 rows × 100 columns took 1.1 s for 10 shallow trees), too slow for daily
 * windows, hence this histogram tree.
 */
import type { SeededRandom } from "../tf/rng.ts";
import type { BinnedInputs } from "./binning.ts";

/** The inputs trees are grown on and read: row-major [rows, cols]. */
export interface TreeInputs {
  rows: number;
  cols: number;
  values: Float64Array;
}

export interface TreeOptions {
  maxDepth: number;
  minSamplesLeaf: number;
  /** Candidate columns per split (1..cols). */
  maxFeatures: number;
}

/** Flat node arrays; feature −1 marks a leaf. x[feature] ≤ threshold goes left. */
export interface RegressionTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

/**
 * Grows one tree on `samples` (row indices, repeats allowed) of y. Adds each split's
 * squared-error reduction to `importance[column]`.
 */
export function growTree(
  data: BinnedInputs,
  y: Float64Array,
  samples: Int32Array,
  options: TreeOptions,
  rng: SeededRandom,
  importance: Float64Array,
): RegressionTree {
  const nodes: {
    feature: number;
    threshold: number;
    left: number;
    right: number;
    value: number;
  }[] = [];
  const columns = Int32Array.from({ length: data.cols }, (_, j) => j);
  const maxBins = data.edges.reduce((max, e) => Math.max(max, e.length + 1), 1);
  const sums = new Float64Array(maxBins);
  const counts = new Int32Array(maxBins);

  const grow = (members: Int32Array, depth: number): number => {
    const id = nodes.length;
    let total = 0;
    for (const i of members) total += y[i];
    const n = members.length;
    nodes.push({ feature: -1, threshold: 0, left: -1, right: -1, value: total / n });
    if (depth >= options.maxDepth || n < 2 * options.minSamplesLeaf) return id;

    let bestGain = 0, bestColumn = -1, bestBin = -1;
    const parentScore = (total * total) / n;
    const candidates = Math.min(options.maxFeatures, data.cols);
    for (let c = 0; c < candidates; c++) {
      if (candidates < data.cols) {
        const pick = c + rng.int(data.cols - c);
        [columns[c], columns[pick]] = [columns[pick], columns[c]];
      }
      const column = columns[c];
      const binCount = data.edges[column].length + 1;
      if (binCount < 2) continue;
      sums.fill(0, 0, binCount);
      counts.fill(0, 0, binCount);
      const offset = column * data.rows;
      for (const i of members) {
        const b = data.bins[offset + i];
        sums[b] += y[i];
        counts[b]++;
      }
      let leftSum = 0, leftCount = 0;
      for (let b = 0; b < binCount - 1; b++) {
        leftSum += sums[b];
        leftCount += counts[b];
        const rightCount = n - leftCount;
        if (leftCount < options.minSamplesLeaf) continue;
        if (rightCount < options.minSamplesLeaf) break;
        const rightSum = total - leftSum;
        const gain = (leftSum * leftSum) / leftCount + (rightSum * rightSum) / rightCount -
          parentScore;
        if (gain > bestGain) [bestGain, bestColumn, bestBin] = [gain, column, b];
      }
    }
    if (bestColumn < 0 || !(bestGain > 1e-14 * parentScore)) return id;

    const offset = bestColumn * data.rows;
    const goesLeft = (i: number) => data.bins[offset + i] <= bestBin;
    const left = members.filter(goesLeft);
    const right = members.filter((i) => !goesLeft(i));
    importance[bestColumn] += bestGain;
    nodes[id].feature = bestColumn;
    nodes[id].threshold = data.edges[bestColumn][bestBin];
    nodes[id].left = grow(left, depth + 1);
    nodes[id].right = grow(right, depth + 1);
    return id;
  };

  grow(samples, 0);
  return {
    feature: Int32Array.from(nodes, (node) => node.feature),
    threshold: Float64Array.from(nodes, (node) => node.threshold),
    left: Int32Array.from(nodes, (node) => node.left),
    right: Int32Array.from(nodes, (node) => node.right),
    value: Float64Array.from(nodes, (node) => node.value),
  };
}

/** The tree's prediction for one row-major input row starting at values[offset]. */
export function predictTree(tree: RegressionTree, values: Float64Array, offset: number): number {
  let node = 0;
  while (tree.feature[node] >= 0) {
    node = values[offset + tree.feature[node]] <= tree.threshold[node]
      ? tree.left[node]
      : tree.right[node];
  }
  return tree.value[node];
}

/** Scales split-gain importances to sum to 1 (left as they are when all are 0). */
export function normaliseImportance(importance: Float64Array): void {
  const sum = importance.reduce((s, v) => s + v, 0);
  if (sum > 0) { for (let j = 0; j < importance.length; j++) importance[j] /= sum; }
}
