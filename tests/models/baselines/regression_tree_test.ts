import assert from "node:assert/strict";
import { binInputs } from "../../../models/baselines/binning.ts";
import { growTree, predictTree } from "../../../models/baselines/regression_tree.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

Deno.test("binInputs: exact midpoints when values are few, quantile edges otherwise", () => {
  const values = Float64Array.of(3, 1, 2, 1, 3, 5); // one column
  const binned = binInputs(values, 6, 1, 8);
  assert.deepEqual([...binned.edges[0]], [1.5, 2.5, 4]);
  assert.deepEqual([...binned.bins], [2, 0, 1, 0, 2, 3]);

  const many = Float64Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
  const coarse = binInputs(many, 1000, 1, 10);
  assert.equal(coarse.edges[0].length, 9);
  // Every bin holds ~100 rows, and bin ≤ k exactly when value ≤ edge k.
  const counts = new Array(10).fill(0);
  coarse.bins.forEach((b, i) => {
    counts[b]++;
    for (let k = 0; k < 9; k++) assert.equal(b <= k, many[i] <= coarse.edges[0][k]);
  });
  assert.ok(counts.every((c) => c === 100), `${counts}`);
  assert.throws(() => binInputs(many, 1000, 1, 300), /maxBins must be an integer in 2\.\.256/);
});

/** Best single split by brute force over every threshold of every column. */
function bruteForceSplit(x: number[][], y: number[], minLeaf: number) {
  let best = { gain: 0, column: -1, threshold: NaN };
  const sse = (v: number[]) => {
    const m = v.reduce((s, a) => s + a, 0) / v.length;
    return v.reduce((s, a) => s + (a - m) ** 2, 0);
  };
  const parent = sse(y);
  for (let j = 0; j < x[0].length; j++) {
    const distinct = [...new Set(x.map((row) => row[j]))].sort((a, b) => a - b);
    for (let k = 1; k < distinct.length; k++) {
      const threshold = (distinct[k - 1] + distinct[k]) / 2;
      const left = y.filter((_, i) => x[i][j] <= threshold);
      const right = y.filter((_, i) => x[i][j] > threshold);
      if (left.length < minLeaf || right.length < minLeaf) continue;
      const gain = parent - sse(left) - sse(right);
      if (gain > best.gain + 1e-12) best = { gain, column: j, threshold };
    }
  }
  return best;
}

Deno.test("growTree finds the exact best CART split on small data", () => {
  const rng = new SeededRandom(4);
  for (let trial = 0; trial < 20; trial++) {
    const rows = 30, cols = 3;
    const x = Array.from(
      { length: rows },
      () => Array.from({ length: cols }, () => Math.round(rng.normal() * 4)),
    );
    const y = x.map((row) => (row[trial % cols] > 0 ? 1 : 0) + 0.5 * rng.normal());
    const binned = binInputs(Float64Array.from(x.flat()), rows, cols, 256);
    const importance = new Float64Array(cols);
    const samples = Int32Array.from({ length: rows }, (_, i) => i);
    const options = { maxDepth: 1, minSamplesLeaf: 3, maxFeatures: cols };
    const tree = growTree(binned, Float64Array.from(y), samples, options, rng, importance);
    const expected = bruteForceSplit(x, y, 3);
    assert.equal(tree.feature[0], expected.column, `trial ${trial}`);
    assert.equal(tree.threshold[0], expected.threshold);
    assert.ok(Math.abs(importance[expected.column] - expected.gain) < 1e-9);
    // Leaves hold the means of their sides; predictTree routes by the raw threshold.
    const left = y.filter((_, i) => x[i][expected.column] <= expected.threshold);
    const row = Float64Array.from(x[y.indexOf(left[0])]);
    assert.ok(
      Math.abs(predictTree(tree, row, 0) - left.reduce((s, v) => s + v, 0) / left.length) < 1e-12,
    );
  }
});

Deno.test("growTree respects maxDepth and minSamplesLeaf", () => {
  const rng = new SeededRandom(5);
  const rows = 200;
  const x = Float64Array.from({ length: rows }, () => rng.normal());
  const y = Float64Array.from(x, (v) => Math.sin(3 * v));
  const samples = Int32Array.from({ length: rows }, (_, i) => i);
  const tree = growTree(
    binInputs(x, rows, 1, 64),
    y,
    samples,
    {
      maxDepth: 3,
      minSamplesLeaf: 25,
      maxFeatures: 1,
    },
    rng,
    new Float64Array(1),
  );
  const depth = (node: number): number =>
    tree.feature[node] < 0 ? 0 : 1 + Math.max(depth(tree.left[node]), depth(tree.right[node]));
  assert.ok(depth(0) <= 3 && depth(0) >= 2);
  const leafCounts = new Map<number, number>();
  for (let i = 0; i < rows; i++) {
    let node = 0;
    while (tree.feature[node] >= 0) {
      node = x[i] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
    }
    leafCounts.set(node, (leafCounts.get(node) ?? 0) + 1);
  }
  assert.ok([...leafCounts.values()].every((count) => count >= 25), `${[...leafCounts.values()]}`);
});
