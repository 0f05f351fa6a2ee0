/**
 * `deno task bench mixers/latency`: training seconds per epoch and inference ms per forecast
 * of the `mamba` and `cls-transformer` networks at sequence lengths 60, 250, 1000 and 4000
 * (same width and depth, synthetic inputs, wasm), each one's fitted scaling exponent k
 * (cost ∝ L^k, least squares on log–log; over all lengths and over L ≥ 1000), peak tensor
 * memory of a training step, and Mamba's per-bar recurrent inference latency. Target: Mamba's
 * exponent below the Transformer's at L ≥ 1000. The measuring is `models/latency/measure.ts`,
 * which the architecture study's `latency` node runs too.
 */
import type { BenchResult } from "../result.ts";
import { initBackend } from "../../models/tf/backend.ts";
import {
  DEFAULT_LATENCY_SIZE,
  LATENCY_ARCHITECTURES,
  type LatencyFigures,
  measureLatency,
  recurrentMs,
  scalingExponent,
} from "../../models/latency/measure.ts";

export const LENGTHS = [60, 250, 1000, 4000];

export async function bench(): Promise<BenchResult[]> {
  await initBackend("wasm");
  const { width, depth, samples } = DEFAULT_LATENCY_SIZE;
  const lengths = (Deno.env.get("FINFUSION_BENCH_LENGTHS") ?? LENGTHS.join(","))
    .split(",").map(Number);
  const results: BenchResult[] = [];
  const longExponent: Record<string, number> = {};
  for (const arch of LATENCY_ARCHITECTURES) {
    const figures: LatencyFigures[] = [];
    for (const length of lengths) {
      const f = await measureLatency(arch, length);
      figures.push(f);
      const note = `d ${width}, ${depth} layers, ${samples} samples/epoch, batch ${f.batch}` +
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
    value: longExponent.mamba - longExponent["cls-transformer"],
    unit: "",
    target: 0,
    notes: "Mamba's exponent should sit below the Transformer's at long L",
  });
  results.push({
    name: "mamba: recurrent inference ms/bar",
    value: recurrentMs(250),
    unit: "ms",
    notes: `MambaStream.push, batch 1, d ${width}, ${depth} layers; O(1) in the history`,
  });
  return results;
}
