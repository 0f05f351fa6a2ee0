/**
 * `deno task bench mixers/latency`: training seconds per epoch and inference ms per forecast
 * of the `mamba` and `cls-transformer` networks at sequence lengths 60, 250, 1000 and 4000
 * (same width and depth, synthetic inputs, wasm), each one's fitted scaling exponent k
 * (cost ∝ L^k, least squares on log–log; over all lengths and over L ≥ 1000), peak tensor
 * memory of a training step, and Mamba's per-bar recurrent inference latency. Target: Mamba's
 * exponent below the Transformer's at L ≥ 1000.
 *
 * An epoch is 8 samples in mini-batches of 4 (of 1 at L = 4000, where a Transformer's
 * attention scores would otherwise need gigabytes on wasm), MSE, Adam; the figure is the
 * median of 2 timed epochs after a warm-up step. Inference: one window, batch 1, median of 3.
 */
import * as tf from "@tensorflow/tfjs";
import { type BenchResult, median } from "../result.ts";
import { initBackend } from "../../models/tf/backend.ts";
import { mambaConfig } from "../../models/mamba/config.ts";
import { buildMambaNetwork } from "../../models/mamba/network.ts";
import { MambaStream } from "../../models/mamba/recurrent.ts";
import { clsTransformerConfig } from "../../models/transformer/config.ts";
import { buildClsTransformer } from "../../models/transformer/network.ts";
import type { Network, NeuralShape } from "../../models/tf/shell/kind.ts";
import { SeededRandom } from "../../models/tf/rng.ts";

export const LENGTHS = [60, 250, 1000, 4000];
const SAMPLES = 8;
const FEATURES = 8;
const WIDTH = 16;
const DEPTH = 2;

type Arch = "mamba" | "cls-transformer";

function build(arch: Arch, length: number): Network {
  const shape: NeuralShape = {
    staticSize: 0,
    pastSize: FEATURES,
    knownSize: 0,
    encoderLength: length,
    horizon: 1,
  };
  return arch === "mamba"
    ? buildMambaNetwork(mambaConfig.parse({ dModel: WIDTH, layers: DEPTH, dropout: 0 }), shape, 0)
    : buildClsTransformer(
      clsTransformerConfig.parse({
        dModel: WIDTH,
        heads: 2,
        layers: DEPTH,
        feedForward: 2 * WIDTH,
        headUnits: WIDTH,
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

interface Figures {
  secPerEpoch: number;
  inferMs: number;
  peakMiB: number;
  batch: number;
}

async function measure(arch: Arch, length: number): Promise<Figures> {
  const batch = length >= 4000 ? 1 : 4;
  const rng = new SeededRandom(length);
  const x = tf.tensor3d(
    Float32Array.from({ length: SAMPLES * length * FEATURES }, () => rng.normal()),
    [SAMPLES, length, FEATURES],
  );
  const y = tf.tensor2d(Float32Array.from({ length: SAMPLES }, () => rng.normal()), [SAMPLES, 1]);
  const network = build(arch, length);
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
    for (let e = 0; e < 2; e++) {
      const began = performance.now();
      for (let start = 0; start < SAMPLES; start += batch) step(start);
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

/** Median ms of one recurrent step of a Mamba network, after `warm` bars. */
function recurrentMs(warm: number): number {
  const network = build("mamba", 60);
  const stream = new MambaStream(network.model, { mean: 0, std: 1 });
  const rng = new SeededRandom(1);
  const bar = () => Float32Array.from({ length: FEATURES }, () => rng.normal());
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

export async function bench(): Promise<BenchResult[]> {
  await initBackend("wasm");
  const lengths = (Deno.env.get("FINFUSION_BENCH_LENGTHS") ?? LENGTHS.join(","))
    .split(",").map(Number);
  const results: BenchResult[] = [];
  const longExponent: Partial<Record<Arch, number>> = {};
  for (const arch of ["mamba", "cls-transformer"] as const) {
    const figures: Figures[] = [];
    for (const length of lengths) {
      const f = await measure(arch, length);
      figures.push(f);
      const note = `d ${WIDTH}, ${DEPTH} layers, ${SAMPLES} samples/epoch, batch ${f.batch}` +
        (f.batch < 4 ? " (reduced at this length: memory)" : "");
      results.push(
        {
          name: `${arch} L=${length}: train s/epoch`,
          value: f.secPerEpoch,
          unit: "s",
          notes: note,
        },
        { name: `${arch} L=${length}: inference ms/forecast`, value: f.inferMs, unit: "ms" },
        { name: `${arch} L=${length}: peak memory of a step`, value: f.peakMiB, unit: "MiB" },
      );
    }
    const epochSeconds = figures.map((f) => f.secPerEpoch);
    const long = lengths.map((l, i) => [l, epochSeconds[i]]).filter(([l]) => l >= 1000);
    const exponent = {
      train: scalingExponent(lengths, epochSeconds),
      long: long.length >= 2 ? scalingExponent(long.map((p) => p[0]), long.map((p) => p[1])) : NaN,
    };
    longExponent[arch] = exponent.long;
    results.push(
      {
        name: `${arch}: scaling exponent k (train, all L)`,
        value: exponent.train,
        unit: "",
        notes: `cost ∝ L^k over L = ${lengths.join(", ")}`,
      },
      {
        name: `${arch}: scaling exponent k (train, L ≥ 1000)`,
        value: exponent.long,
        unit: "",
      },
      {
        name: `${arch}: scaling exponent k (inference, all L)`,
        value: scalingExponent(lengths, figures.map((f) => f.inferMs)),
        unit: "",
      },
    );
  }
  results.push({
    name: "mamba k − cls-transformer k (train, L ≥ 1000)",
    value: longExponent.mamba! - longExponent["cls-transformer"]!,
    unit: "",
    target: 0,
    notes: "Mamba's exponent should sit below the Transformer's at long L",
  });
  results.push({
    name: "mamba: recurrent inference ms/bar",
    value: recurrentMs(250),
    unit: "ms",
    notes: `MambaStream.push, batch 1, d ${WIDTH}, ${DEPTH} layers; O(1) in the history`,
  });
  return results;
}
