/**
 * Latency of the `mamba` and `cls-transformer` networks against sequence length, on
 * synthetic inputs (the same width and depth for both): training seconds per epoch,
 * inference ms per forecast and the peak tensor memory of a training step at one length;
 * Mamba's per-bar recurrent inference; and the least-squares scaling exponent k of
 * cost ∝ L^k. Shared by `deno task bench mixers/latency` and the `latency` node
 * (`tasks/latency.ts`). Wall-clock measurements: not bit-reproducible.
 *
 * An epoch is `samples` windows in mini-batches of 4 (of 1 at L ≥ 4000, where a
 * Transformer's attention scores would otherwise need gigabytes on wasm), MSE, Adam; the
 * figure is the median of the timed epochs after a warm-up step. Inference: one window,
 * batch 1, median of 3.
 */
import * as tf from "@tensorflow/tfjs";
import { mambaConfig } from "../mamba/config.ts";
import { buildMambaNetwork } from "../mamba/network.ts";
import { MambaStream } from "../mamba/recurrent.ts";
import { clsTransformerConfig } from "../transformer/config.ts";
import { buildClsTransformer } from "../transformer/network.ts";
import type { Network, NeuralShape } from "../tf/shell/kind.ts";
import { SeededRandom } from "../tf/rng.ts";
import { quantileSorted } from "../../evaluation/stats/descriptive.ts";

export const LATENCY_ARCHITECTURES = ["mamba", "cls-transformer"] as const;
export type LatencyArchitecture = typeof LATENCY_ARCHITECTURES[number];

export interface LatencySize {
  /** Width (d_model) of both networks. */
  width: number;
  /** Blocks (Mamba) and encoder layers (Transformer). */
  depth: number;
  /** Input features per bar. */
  features: number;
  /** Windows per training epoch. */
  samples: number;
  /** Timed epochs after the warm-up step (the median is reported). */
  epochs: number;
}

export const DEFAULT_LATENCY_SIZE: LatencySize = {
  width: 16,
  depth: 2,
  features: 8,
  samples: 8,
  epochs: 2,
};

export interface LatencyFigures {
  secPerEpoch: number;
  inferMs: number;
  peakMiB: number;
  /** Mini-batch size used at this length. */
  batch: number;
}

const median = (values: number[]) => quantileSorted([...values].sort((a, b) => a - b), 0.5);

function build(arch: LatencyArchitecture, length: number, size: LatencySize): Network {
  const shape: NeuralShape = {
    staticSize: 0,
    pastSize: size.features,
    knownSize: 0,
    encoderLength: length,
    horizon: 1,
  };
  const { width, depth } = size;
  return arch === "mamba"
    ? buildMambaNetwork(mambaConfig.parse({ dModel: width, layers: depth, dropout: 0 }), shape, 0)
    : buildClsTransformer(
      clsTransformerConfig.parse({
        dModel: width,
        heads: 2,
        layers: depth,
        feedForward: 2 * width,
        headUnits: width,
        dropout: 0,
      }),
      shape,
      0,
    );
}

/** Least-squares slope of log(cost) on log(L). */
export function scalingExponent(lengths: number[], costs: number[]): number {
  const x = lengths.map(Math.log);
  const y = costs.map(Math.log);
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxy / sxx;
}

/** Training and inference cost of one network at one sequence length (tfjs must be started). */
export async function measureLatency(
  arch: LatencyArchitecture,
  length: number,
  size: LatencySize = DEFAULT_LATENCY_SIZE,
): Promise<LatencyFigures> {
  const { samples, features } = size;
  const batch = length >= 4000 ? 1 : Math.min(4, samples);
  const rng = new SeededRandom(length);
  const x = tf.tensor3d(
    Float32Array.from({ length: samples * length * features }, () => rng.normal()),
    [samples, length, features],
  );
  const y = tf.tensor2d(Float32Array.from({ length: samples }, () => rng.normal()), [samples, 1]);
  const network = build(arch, length, size);
  const optimizer = tf.train.adam(1e-3);
  const step = (start: number) => {
    const cost = optimizer.minimize(() =>
      tf.losses.meanSquaredError(
        y.slice(start, batch),
        network.forward([x.slice(start, batch)], true),
      ) as tf.Scalar, true);
    cost?.dataSync();
    cost?.dispose();
  };
  try {
    const profile = await tf.profile(() => step(0)); // warm-up step, and its peak memory
    const epochs: number[] = [];
    for (let e = 0; e < size.epochs; e++) {
      const began = performance.now();
      for (let start = 0; start < samples; start += batch) step(start);
      epochs.push((performance.now() - began) / 1000);
    }
    const infer: number[] = [];
    for (let i = 0; i < 3; i++) {
      const began = performance.now();
      const out = tf.tidy(() => network.forward([x.slice(0, 1)], false));
      await out.data();
      out.dispose();
      infer.push(performance.now() - began);
    }
    return {
      secPerEpoch: median(epochs),
      inferMs: median(infer),
      peakMiB: profile.peakBytes / 2 ** 20,
      batch,
    };
  } finally {
    optimizer.dispose();
    network.model.dispose();
    tf.dispose([x, y]);
  }
}

/** Median ms of one recurrent step of a Mamba network (`MambaStream.push`), after `warm` bars. */
export function recurrentMs(warm: number, size: LatencySize = DEFAULT_LATENCY_SIZE): number {
  const network = build("mamba", 60, size);
  const stream = new MambaStream(network.model, { mean: 0, std: 1 });
  const rng = new SeededRandom(1);
  const bar = () => Float32Array.from({ length: size.features }, () => rng.normal());
  try {
    for (let i = 0; i < warm; i++) stream.push(bar());
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const began = performance.now();
      stream.push(bar());
      times.push(performance.now() - began);
    }
    return median(times);
  } finally {
    stream.dispose();
    network.model.dispose();
  }
}
