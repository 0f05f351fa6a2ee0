/**
 * Seeded initial values for custom layers' weights, drawn from a {@link SeededRandom}
 * (tfjs initialisers without a seed draw from `Math.random`). Each weight gets its own
 * stream, so two layers never share initial values by accident.
 */
import { SeededRandom } from "./rng.ts";

/** Glorot (Xavier) uniform: U(−√(6/(fanIn+fanOut)), +…), row-major [rows, cols]. */
export function glorotUniform(rows: number, cols: number, seed: number): Float32Array {
  const rng = new SeededRandom(seed);
  const limit = Math.sqrt(6 / (rows + cols));
  return Float32Array.from({ length: rows * cols }, () => (2 * rng.next() - 1) * limit);
}

/**
 * A random matrix with orthonormal rows or columns (whichever are fewer), as Keras'
 * `Orthogonal` initialiser: Gram–Schmidt in float64 on a seeded Gaussian matrix.
 */
export function orthogonal(rows: number, cols: number, seed: number): Float32Array {
  const rng = new SeededRandom(seed);
  const vectors = Math.min(rows, cols);
  const length = Math.max(rows, cols);
  const basis: Float64Array[] = [];
  for (let k = 0; k < vectors; k++) {
    const v = Float64Array.from({ length }, () => rng.normal());
    for (const b of basis) {
      let dot = 0;
      for (let i = 0; i < length; i++) dot += v[i] * b[i];
      for (let i = 0; i < length; i++) v[i] -= dot * b[i];
    }
    const norm = Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
    for (let i = 0; i < length; i++) v[i] /= norm;
    basis.push(v);
  }
  // Orthonormal columns when rows >= cols (basis vectors run down the rows), else rows.
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      out[r * cols + c] = rows >= cols ? basis[c][r] : basis[r][c];
    }
  }
  return out;
}
