/**
 * A stacked autoencoder trained greedily, layer by layer (Bao, Yue & Rao 2017: 4 layers of
 * 10 hidden units). Layer k is a one-hidden-layer autoencoder, h = sigmoid(x·W + b) and
 * x̂ = h·V + c, fitted by full-batch Adam on the mean squared reconstruction error plus an
 * L2 penalty on W and V; its hidden activations are the next layer's inputs, and the last
 * layer's are the encoded features. Weights start from a seeded Glorot-uniform draw, so a
 * seed gives the same encoder bit for bit.
 *
 * Plain TypeScript rather than TensorFlow.js: these are 10-unit dense layers on a few hundred
 * rows, where tfjs' per-op overhead would dominate, and the arithmetic stays exact and
 * independent of the compute backend.
 */
import { SeededRandom } from "../tf/rng.ts";

export interface AutoencoderOptions {
  /** Stacked layers (the study: 4). */
  layers: number;
  /** Hidden units of every layer (the study: 10). */
  hidden: number;
  /** Full-batch Adam steps per layer. */
  epochs: number;
  learningRate: number;
  /** L2 penalty on the weights. */
  weightDecay: number;
  seed: number;
}

export interface RowMatrix {
  rows: number;
  cols: number;
  values: Float64Array;
}

export interface EncoderLayer {
  inputs: number;
  hidden: number;
  /** [inputs, hidden] row-major, and the hidden biases. */
  weights: Float64Array;
  bias: Float64Array;
  /** Reconstruction MSE of the layer's inputs after its last step. */
  loss: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** h = sigmoid(x·W + b) for one layer. */
export function encodeLayer(layer: EncoderLayer, x: RowMatrix): RowMatrix {
  if (x.cols !== layer.inputs) {
    throw new RangeError(`autoencoder layer expects ${layer.inputs} inputs, got ${x.cols}`);
  }
  const { hidden, weights, bias } = layer;
  const out = new Float64Array(x.rows * hidden);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < hidden; j++) {
      let z = bias[j];
      for (let k = 0; k < x.cols; k++) z += x.values[i * x.cols + k] * weights[k * hidden + j];
      out[i * hidden + j] = sigmoid(z);
    }
  }
  return { rows: x.rows, cols: hidden, values: out };
}

/** Encodes through every layer of the stack. */
export function encode(layers: readonly EncoderLayer[], x: RowMatrix): RowMatrix {
  return layers.reduce((input, layer) => encodeLayer(layer, input), x);
}

class Adam {
  private m: Float64Array;
  private v: Float64Array;
  private step = 0;
  constructor(size: number, private rate: number) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }
  update(params: Float64Array, grad: Float64Array) {
    this.step++;
    const c1 = 1 - 0.9 ** this.step;
    const c2 = 1 - 0.999 ** this.step;
    for (let i = 0; i < params.length; i++) {
      this.m[i] = 0.9 * this.m[i] + 0.1 * grad[i];
      this.v[i] = 0.999 * this.v[i] + 0.001 * grad[i] * grad[i];
      params[i] -= this.rate * (this.m[i] / c1) / (Math.sqrt(this.v[i] / c2) + 1e-8);
    }
  }
}

function glorot(random: SeededRandom, inputs: number, outputs: number): Float64Array {
  const limit = Math.sqrt(6 / (inputs + outputs));
  return Float64Array.from({ length: inputs * outputs }, () => (2 * random.next() - 1) * limit);
}

/** Fits one autoencoder layer on `x` and returns its encoder half. */
function fitLayer(x: RowMatrix, options: AutoencoderOptions, random: SeededRandom): EncoderLayer {
  const { rows: n, cols: d } = x;
  const h = options.hidden;
  const params = [
    glorot(random, d, h),
    new Float64Array(h),
    glorot(random, h, d),
    new Float64Array(d),
  ];
  const [W, b, V, c] = params;
  const grads = params.map((p) => new Float64Array(p.length));
  const optimisers = params.map((p) => new Adam(p.length, options.learningRate));
  const hidden = new Float64Array(n * h);
  const dOut = new Float64Array(n * d);
  const dHidden = new Float64Array(h);
  let loss = NaN;
  for (let epoch = 0; epoch <= options.epochs; epoch++) {
    const layer = { inputs: d, hidden: h, weights: W, bias: b, loss: 0 };
    hidden.set(encodeLayer(layer, x).values);
    loss = 0;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < d; k++) {
        let out = c[k];
        for (let j = 0; j < h; j++) out += hidden[i * h + j] * V[j * d + k];
        const error = out - x.values[i * d + k];
        loss += error * error;
        dOut[i * d + k] = (2 * error) / (n * d);
      }
    }
    loss /= n * d;
    if (epoch === options.epochs) break;
    grads.forEach((g) => g.fill(0));
    const [gW, gb, gV, gc] = grads;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < h; j++) {
        let sum = 0;
        const a = hidden[i * h + j];
        for (let k = 0; k < d; k++) {
          const g = dOut[i * d + k];
          gV[j * d + k] += a * g;
          sum += g * V[j * d + k];
        }
        dHidden[j] = sum * a * (1 - a);
        gb[j] += dHidden[j];
      }
      for (let k = 0; k < d; k++) {
        gc[k] += dOut[i * d + k];
        const xv = x.values[i * d + k];
        for (let j = 0; j < h; j++) gW[k * h + j] += xv * dHidden[j];
      }
    }
    for (let i = 0; i < W.length; i++) gW[i] += options.weightDecay * W[i];
    for (let i = 0; i < V.length; i++) gV[i] += options.weightDecay * V[i];
    params.forEach((p, i) => optimisers[i].update(p, grads[i]));
  }
  return { inputs: d, hidden: h, weights: W, bias: b, loss };
}

/** Greedy layer-wise training: each layer learns to reconstruct the previous layer's code. */
export function fitStackedAutoencoder(x: RowMatrix, options: AutoencoderOptions): EncoderLayer[] {
  if (x.rows < 2) throw new RangeError(`autoencoder: ${x.rows} training rows; need at least 2`);
  if (!x.values.every(Number.isFinite)) {
    throw new RangeError("autoencoder: training inputs contain a value that is not a number");
  }
  const random = new SeededRandom(options.seed);
  const layers: EncoderLayer[] = [];
  let input = x;
  for (let k = 0; k < options.layers; k++) {
    const layer = fitLayer(input, options, random);
    layers.push(layer);
    input = encodeLayer(layer, input);
  }
  return layers;
}
