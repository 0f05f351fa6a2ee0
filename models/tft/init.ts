/**
 * Seeded weight initialisation with pytorch-forecasting's schemes. tfjs's own initialisers
 * either draw from `Math.random` or use truncated normals, so weights are drawn here from a
 * {@link SeededRandom} stream named after the weight: the same model seed always gives the
 * same weights, whatever order the layers are built in.
 */
import * as tf from "@tensorflow/tfjs";
import { SeededRandom, seedFrom } from "../tf/rng.ts";

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

function sample(spec: WeightSpec, seed: number): Float32Array {
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
