/**
 * The speed benchmark's configuration and synthetic data, matching
 * `../shared/bench/torch_tft_reference.py`: 12 past reals, 2 known reals, 1 static real
 * (a regime id in {−1, 0, 1}), horizon 1, hidden 16, 4 heads, hidden_continuous 8,
 * dropout 0.1, quantiles 0.1/0.5/0.9; normal inputs and a target weakly tied to them.
 */
import * as tf from "@tensorflow/tfjs";
import { SeededRandom } from "../../models/tf/rng.ts";
import type { TensorSet } from "../../models/tf/trainer.ts";
import type { TftHyperparameters, TftShape } from "../../models/tft/network.ts";

export type BenchPresetName = "weekly" | "daily";

export interface BenchPreset {
  name: BenchPresetName;
  samples: number;
  encoderLength: number;
  batch: number;
}

export const BENCH_PRESETS: Record<BenchPresetName, BenchPreset> = {
  weekly: { name: "weekly", samples: 520, encoderLength: 12, batch: 16 },
  daily: { name: "daily", samples: 2500, encoderLength: 20, batch: 64 },
};

export const BENCH_HYPER: TftHyperparameters = {
  hiddenSize: 16,
  heads: 4,
  hiddenContinuousSize: 8,
  dropout: 0.1,
  lstmLayers: 1,
  outputSize: 3,
  attentionMask: "exclude-self",
};

export function benchShape(preset: BenchPreset): TftShape {
  return {
    staticSize: 1,
    pastSize: 12,
    knownSize: 2,
    encoderLength: preset.encoderLength,
    horizon: 1,
  };
}

/** target = 0.3·known₀(decoder) + 0.2·regime + 0.5·past₀(last step) + N(0, 1) */
export function benchData(preset: BenchPreset, seed: number): TensorSet {
  const { samples: n, encoderLength: l } = preset;
  const { pastSize: p, knownSize: f } = benchShape(preset);
  const rng = new SeededRandom(seed);
  const normals = (size: number) => Float32Array.from({ length: size }, () => rng.normal());
  const past = normals(n * l * p);
  const known = normals(n * (l + 1) * f);
  const regime = Float32Array.from({ length: n }, () => rng.int(3) - 1);
  const target = Float32Array.from(
    { length: n },
    (_, i) =>
      0.3 * known[(i * (l + 1) + l) * f] + 0.2 * regime[i] + 0.5 * past[(i * l + l - 1) * p] +
      rng.normal(),
  );
  return {
    inputs: [
      tf.tensor2d(regime, [n, 1]),
      tf.tensor3d(past, [n, l, p]),
      tf.tensor3d(known, [n, l + 1, f]),
    ],
    target: tf.tensor2d(target, [n, 1]),
  };
}
