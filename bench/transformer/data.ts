/**
 * The CLS Transformer benchmark's sizes and synthetic data, matching
 * `torch_reference.py`. The guide preset is the CLS-Transformer guide's network and data
 * shape (claim 5, `pipelines/claims/cls-guide.ts`): 1,948 windows × 60 steps × 10 features,
 * batch 64, d_model 128, 8 heads, 3 layers, feed-forward 256 and a 256-unit head, which
 * gives the guide's 432,257 parameters. The tiny preset is for tests. Inputs are N(0, 1)
 * and the target is weakly tied to them: the benchmark measures speed, not skill.
 */
import * as tf from "@tensorflow/tfjs";
import { SeededRandom } from "../../models/tf/rng.ts";
import type { TensorSet } from "../../models/tf/trainer.ts";
import type { NeuralShape } from "../../models/tf/shell/kind.ts";
import {
  type ClsTransformerConfig,
  clsTransformerConfig,
} from "../../models/transformer/config.ts";

export interface TransformerPreset {
  name: string;
  windows: number;
  steps: number;
  features: number;
  batch: number;
  dModel: number;
  heads: number;
  layers: number;
  feedForward: number;
  headUnits: number;
}

export const GUIDE_PRESET: TransformerPreset = {
  name: "guide",
  windows: 1948,
  steps: 60,
  features: 10,
  batch: 64,
  dModel: 128,
  heads: 8,
  layers: 3,
  feedForward: 256,
  headUnits: 256,
};

export const TINY_PRESET: TransformerPreset = {
  name: "tiny",
  windows: 40,
  steps: 8,
  features: 3,
  batch: 16,
  dModel: 16,
  heads: 2,
  layers: 1,
  feedForward: 32,
  headUnits: 8,
};

/** The kind's configuration at the preset's sizes (dropout 0.1 and the rest at defaults). */
export function presetConfig(preset: TransformerPreset): ClsTransformerConfig {
  const { dModel, heads, layers, feedForward, headUnits } = preset;
  return clsTransformerConfig.parse({ dModel, heads, layers, feedForward, headUnits });
}

export function presetShape(preset: TransformerPreset): NeuralShape {
  return {
    staticSize: 0,
    pastSize: preset.features,
    knownSize: 0,
    encoderLength: preset.steps,
    horizon: 1,
  };
}

/** past [n, steps, features] ~ N(0, 1); target = 0.1·past₀(last step) + N(0, 1). */
export function benchData(preset: TransformerPreset, seed: number): TensorSet {
  const { windows: n, steps: l, features: f } = preset;
  const rng = new SeededRandom(seed);
  const past = Float32Array.from({ length: n * l * f }, () => rng.normal());
  const target = Float32Array.from(
    { length: n },
    (_, i) => 0.1 * past[(i * l + l - 1) * f] + rng.normal(),
  );
  return { inputs: [tf.tensor3d(past, [n, l, f])], target: tf.tensor2d(target, [n, 1]) };
}

/** The arguments that give `torch_reference.py` the preset's sizes. */
export function torchArgs(preset: TransformerPreset): string[] {
  return [
    ...["--windows", `${preset.windows}`, "--steps", `${preset.steps}`],
    ...["--features", `${preset.features}`, "--batch", `${preset.batch}`],
    ...["--d-model", `${preset.dModel}`, "--heads", `${preset.heads}`],
    ...["--layers", `${preset.layers}`, "--ff", `${preset.feedForward}`],
    ...["--head-units", `${preset.headUnits}`],
  ];
}
