/**
 * Ridge regression as scikit-learn's `Ridge` computes it: with `fitIntercept`, X and y are
 * centred (no scaling), the penalty α‖β‖² excludes the intercept, and the intercept is
 * ȳ − x̄ᵀβ. Solved by Cholesky in the primal, (XᵀX + αI)β = Xᵀy, or, with more columns than
 * rows, in the dual, β = Xᵀ(XXᵀ + αI)⁻¹y (the same solution, the smaller system).
 */
import { CholeskyDecomposition, Matrix } from "ml-matrix";

export interface RidgeOptions {
  alpha: number;
  fitIntercept: boolean;
}

export interface RidgeSolution {
  /** [cols, outputs] row-major. */
  coefficients: Float64Array;
  intercept: Float64Array;
  cols: number;
  outputs: number;
}

/** Fits ridge for `outputs` targets at once; x is [rows, cols], y is [rows, outputs]. */
export function fitRidge(
  x: { rows: number; cols: number; values: Float64Array },
  y: { outputs: number; values: Float64Array },
  options: RidgeOptions,
): RidgeSolution {
  const { rows, cols } = x;
  const outputs = y.outputs;
  if (!(options.alpha > 0)) throw new Error(`ridge: alpha must be positive, got ${options.alpha}`);
  if (rows < 1) throw new Error("ridge: no training rows");
  const xMean = new Float64Array(cols);
  const yMean = new Float64Array(outputs);
  if (options.fitIntercept) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) xMean[j] += x.values[i * cols + j] / rows;
      for (let k = 0; k < outputs; k++) yMean[k] += y.values[i * outputs + k] / rows;
    }
  }
  const design = new Matrix(rows, cols);
  const response = new Matrix(rows, outputs);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) design.set(i, j, x.values[i * cols + j] - xMean[j]);
    for (let k = 0; k < outputs; k++) response.set(i, k, y.values[i * outputs + k] - yMean[k]);
  }
  const beta = cols <= rows
    ? choleskySolve(
      design.transpose().mmul(design),
      design.transpose().mmul(response),
      options.alpha,
    )
    : design.transpose().mmul(
      choleskySolve(design.mmul(design.transpose()), response, options.alpha),
    );
  const coefficients = Float64Array.from(beta.to1DArray());
  const intercept = Float64Array.from(yMean, (mean, k) => {
    let value = mean;
    for (let j = 0; j < cols; j++) value -= xMean[j] * coefficients[j * outputs + k];
    return value;
  });
  return { coefficients, intercept, cols, outputs };
}

/** Predictions [rows, outputs] for x [rows, cols]. */
export function predictRidge(
  solution: RidgeSolution,
  x: { rows: number; values: Float64Array },
): Float64Array {
  const { cols, outputs, coefficients, intercept } = solution;
  const out = new Float64Array(x.rows * outputs);
  for (let i = 0; i < x.rows; i++) {
    for (let k = 0; k < outputs; k++) {
      let value = intercept[k];
      for (let j = 0; j < cols; j++) {
        value += x.values[i * cols + j] * coefficients[j * outputs + k];
      }
      out[i * outputs + k] = value;
    }
  }
  return out;
}

/** Solves (G + αI) B = R for symmetric positive semi-definite G. */
function choleskySolve(gram: Matrix, rhs: Matrix, alpha: number): Matrix {
  for (let i = 0; i < gram.rows; i++) gram.set(i, i, gram.get(i, i) + alpha);
  const cholesky = new CholeskyDecomposition(gram);
  if (!cholesky.isPositiveDefinite()) {
    throw new Error(
      `ridge: the penalised system is not positive definite (alpha ${alpha} too small?)`,
    );
  }
  return cholesky.solve(rhs);
}
