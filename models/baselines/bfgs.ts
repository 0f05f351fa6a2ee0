/**
 * BFGS minimiser with a backtracking (Armijo) line search, for smooth likelihoods of a few
 * parameters. npm has no maintained optimiser for this (`fmin` is unmaintained since 2016),
 * so this small, tested one serves ARIMAX and GARCH. Non-finite objective values count as
 * +∞, so the line search backs away from regions where the likelihood is undefined.
 */
import { numericGradient } from "./numeric_gradient.ts";

export interface MinimizeOptions {
  maxIterations?: number;
  /** Stop when the largest absolute gradient component falls below this. */
  gradientTolerance?: number;
  /** Stop when an iteration improves f by less than this (relative to |f| + 1). */
  valueTolerance?: number;
  /** Analytic gradient; central differences when omitted. */
  gradient?: (x: Float64Array) => Float64Array;
}

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
  message: string;
}

export function minimizeBfgs(
  objective: (x: Float64Array) => number,
  start: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult {
  const { maxIterations = 500, gradientTolerance = 1e-6, valueTolerance = 1e-12 } = options;
  const f = (x: Float64Array) => {
    const value = objective(x);
    return Number.isFinite(value) ? value : Infinity;
  };
  const grad = options.gradient ?? ((x: Float64Array) => numericGradient(f, x));
  const n = start.length;
  let x: Float64Array = Float64Array.from(start);
  let value = f(x);
  if (!Number.isFinite(value)) {
    throw new Error(`minimizeBfgs: the objective is not finite at the start point [${[...x]}]`);
  }
  let g: Float64Array = grad(x);
  let inverseHessian = identity(n);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (maxAbs(g) < gradientTolerance) {
      return { x, value, iterations: iteration - 1, converged: true, message: "gradient small" };
    }
    let direction: Float64Array = matVec(inverseHessian, g).map((v) => -v);
    let slope = dot(direction, g);
    if (!(slope < 0)) {
      // Not a descent direction (curvature information went stale): restart from steepest descent.
      inverseHessian = identity(n);
      direction = g.map((v) => -v);
      slope = -dot(g, g);
    }
    const step = backtrack(f, x, value, direction, slope);
    if (step === null) {
      const small = maxAbs(g) < Math.sqrt(gradientTolerance);
      return { x, value, iterations: iteration, converged: small, message: "line search stalled" };
    }
    const next = step.x;
    const nextGradient = grad(next);
    const s = next.map((v, i) => v - x[i]);
    const y = nextGradient.map((v, i) => v - g[i]);
    updateInverseHessian(inverseHessian, s, y);
    const improvement = value - step.value;
    x = next;
    value = step.value;
    g = nextGradient;
    if (
      improvement < valueTolerance * (Math.abs(value) + 1) && maxAbs(g) < 1e3 * gradientTolerance
    ) {
      return { x, value, iterations: iteration, converged: true, message: "value stalled" };
    }
  }
  return { x, value, iterations: maxIterations, converged: false, message: "iteration limit" };
}

function backtrack(
  f: (x: Float64Array) => number,
  x: Float64Array,
  value: number,
  direction: Float64Array,
  slope: number,
): { x: Float64Array; value: number } | null {
  let alpha = 1;
  for (let tries = 0; tries < 60; tries++) {
    const candidate = x.map((v, i) => v + alpha * direction[i]);
    const candidateValue = f(candidate);
    if (candidateValue <= value + 1e-4 * alpha * slope) {
      return { x: candidate, value: candidateValue };
    }
    alpha *= 0.5;
  }
  return null;
}

/** H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ, skipped when the curvature sᵀy is not positive. */
function updateInverseHessian(h: Float64Array[], s: Float64Array, y: Float64Array): void {
  const sy = dot(s, y);
  if (!(sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y)))) return;
  const rho = 1 / sy;
  const hy = matVec(h, y);
  const yhy = dot(y, hy);
  const n = s.length;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
    }
  }
}

function identity(n: number): Float64Array[] {
  return Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(n);
    row[i] = 1;
    return row;
  });
}

function matVec(m: Float64Array[], v: Float64Array): Float64Array {
  return Float64Array.from(m, (row) => dot(row, v));
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function maxAbs(v: Float64Array): number {
  let max = 0;
  for (const x of v) max = Math.max(max, Math.abs(x));
  return max;
}
