/**
 * The one place seeded initial weights are drawn, for every custom layer of the kit and the
 * model kinds: torch's and pytorch-forecasting's schemes (xavier, kaiming, torch's Linear
 * default) and Keras' orthogonal recurrent kernel. tfjs's own initialisers either draw from
 * `Math.random` or use truncated normals, so values come from a {@link SeededRandom}
 * stream; {@link initialValue} names the stream after the weight, so the same model seed
 * always gives the same weights, whatever order the layers are built in, and two layers
 * never share initial values by accident.
 */
import * as tf from "@tensorflow/tfjs";
import { SeededRandom, seedFrom } from "../rng.ts";

/**
 * - `xavier-uniform`: U(±√(6 / (fanIn + fanOut))) (GLU, context and attention kernels)
 * - `kaiming-normal`: N(0, √(2 / fanIn)) (GRN fc1/fc2, as kaiming_normal_ with a = 0)
 * - `torch-default`: U(±1 / √fanIn), torch's nn.Linear and nn.LSTM default (prescalers,
 *   LSTM, output layer; also their biases, with the fan-in of the matching kernel)
 */
export type InitScheme = "xavier-uniform" | "kaiming-normal" | "torch-default" | "zeros" | "ones";

export interface WeightSpec {
  name: string;
  shape: number[];
  init: InitScheme;
  /** Fan-in for `torch-default` biases; kernels [..., in, out] default to `in`. */
  fanIn?: number;
  /** Fan-out when a kernel is one part of torch's fused kernel (GLU value/gate halves). */
  fanOut?: number;
}

/** Values of `spec` drawn from the stream `seed` (row-major). */
export function sample(spec: Omit<WeightSpec, "name">, seed: number): Float32Array {
  const { shape, init } = spec;
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  if (init === "zeros") return values;
  if (init === "ones") return values.fill(1);
  const rank = shape.length;
  const fanIn = spec.fanIn ?? (rank >= 2 ? shape[rank - 2] : shape[0]);
  const fanOut = spec.fanOut ?? (rank >= 2 ? shape[rank - 1] : shape[0]);
  const random = new SeededRandom(seed);
  if (init === "kaiming-normal") {
    const std = Math.sqrt(2 / fanIn);
    for (let i = 0; i < size; i++) values[i] = random.normal() * std;
    return values;
  }
  const bound = init === "xavier-uniform" ? Math.sqrt(6 / (fanIn + fanOut)) : 1 / Math.sqrt(fanIn);
  for (let i = 0; i < size; i++) values[i] = (2 * random.next() - 1) * bound;
  return values;
}

/** Initial values of a weight, drawn from the stream `seedFrom(seed, spec.name)`. */
export function initialValue(spec: WeightSpec, seed: number): tf.Tensor {
  return tf.tensor(sample(spec, seedFrom(seed, spec.name)), spec.shape, "float32");
}

/** Glorot (Xavier) uniform: U(−√(6/(rows+cols)), +…), row-major [rows, cols]. */
export function glorotUniform(rows: number, cols: number, seed: number): Float32Array {
  return sample({ shape: [rows, cols], init: "xavier-uniform" }, seed);
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
