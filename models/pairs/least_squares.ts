/**
 * Ordinary least squares by the normal equations (Gauss–Jordan with partial pivoting) for the
 * small designs of the pairs study (an ADF regression has 1 + lags columns), with the
 * coefficients' classical standard errors.
 */
export interface LeastSquares {
  coefficients: number[];
  standardErrors: number[];
  residualVariance: number;
}

/** Inverse of a small symmetric positive-definite matrix; throws when singular. */
function invert(matrix: number[][]): number[][] {
  const k = matrix.length;
  const a = matrix.map((row, i) => [...row, ...Array.from({ length: k }, (_, j) => +(i === j))]);
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (!(Math.abs(a[pivot][col]) > 1e-300)) {
      throw new RangeError("least squares: the design's columns are collinear");
    }
    [a[col], a[pivot]] = [a[pivot], a[col]];
    const p = a[col][col];
    for (let j = 0; j < 2 * k; j++) a[col][j] /= p;
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = a[r][col];
      for (let j = 0; j < 2 * k; j++) a[r][j] -= f * a[col][j];
    }
  }
  return a.map((row) => row.slice(k));
}

export function solveLeastSquares(design: number[][], target: number[]): LeastSquares {
  const n = design.length;
  const k = design[0]?.length ?? 0;
  if (n <= k) throw new RangeError(`least squares needs more rows (${n}) than columns (${k})`);
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  for (let t = 0; t < n; t++) {
    const row = design[t];
    for (let i = 0; i < k; i++) {
      xty[i] += row[i] * target[t];
      for (let j = 0; j < k; j++) xtx[i][j] += row[i] * row[j];
    }
  }
  const inverse = invert(xtx);
  const coefficients = inverse.map((row) => row.reduce((s, v, j) => s + v * xty[j], 0));
  let rss = 0;
  for (let t = 0; t < n; t++) {
    const fitted = design[t].reduce((s, v, j) => s + v * coefficients[j], 0);
    rss += (target[t] - fitted) ** 2;
  }
  const residualVariance = rss / (n - k);
  return {
    coefficients,
    standardErrors: inverse.map((row, i) => Math.sqrt(residualVariance * row[i])),
    residualVariance,
  };
}
