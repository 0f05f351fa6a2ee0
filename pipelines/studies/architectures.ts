/**
 * The architecture study (issue 13): do state-space (Mamba) and all-MLP mixer models
 * (TSMixer, multi-scale TSMixer) call the next bar's S&P 500 return better than the CLS
 * Transformer, the TFT, the LSTM — and than always-long? Every model sees the same
 * point-in-time features on the same rolling folds (test years 2022–2024 by default, ten
 * training years before each, the last held out for early stopping), is fitted under three
 * seeds (replicates), and is scored on the same bars.
 */
import type { PipelineBuilder } from "../../engine/mod.ts";
import { rollingStudy, type RollingStudyOptions } from "./rolling_study.ts";

/**
 * The epoch budget every neural model shares here: at most 15 epochs, stopping after 4
 * without a better validation loss (sized for a 2-core machine; `--set` widens it).
 */
const TRAINING = { epochs: 15, earlyStoppingPatience: 4 };

/**
 * The models compared, compact and of one width (16) and depth (2) where the kind has them,
 * so that 3 replicates of every model fit in minutes on a 2-core machine; the multi-scale
 * TSMixer's paths follow the encoder length. Mamba keeps expand 2 and d_conv 4 but a state
 * of 4 (the reference's 16 made a step 7× slower on wasm) and the sequential scan (faster
 * than the parallel one at L = 52 on wasm, and a fifth of its memory).
 */
export const ARCHITECTURE_MODELS = {
  "mamba": {
    kind: "mamba",
    dModel: 16,
    layers: 2,
    dState: 4,
    scan: "sequential",
    training: TRAINING,
  },
  "tsmixer": { kind: "tsmixer", blocks: 2, ffDim: 16, training: TRAINING },
  "multiscale-tsmixer": { kind: "multiscale-tsmixer", blocks: 2, ffDim: 16, training: TRAINING },
  "cls-transformer": {
    kind: "cls-transformer",
    dModel: 16,
    heads: 2,
    layers: 2,
    feedForward: 32,
    headUnits: 16,
    training: TRAINING,
  },
  "tft": { kind: "tft", hiddenSize: 16, training: TRAINING },
  "lstm": { kind: "lstm", units: 16, layers: 2, training: TRAINING },
  "always-long": { kind: "always-long" },
} as const;

/** Test years by default: the last three (`--set fold.testYear=[2016,…,2024]` widens it). */
export const ARCHITECTURE_TEST_YEARS = [2022, 2023, 2024] as const;

/**
 * Replicates per model (`tasks/replicate.ts`): each model is fitted under three seeds derived
 * from the run's seed in one run, and the report pools them beside the spread across seeds.
 */
export const ARCHITECTURE_REPLICATES = [0, 1, 2] as const;

export function architectureStudy(
  p: PipelineBuilder,
  options: Omit<RollingStudyOptions, "models">,
): void {
  rollingStudy(p, {
    replicates: [...ARCHITECTURE_REPLICATES],
    testYears: [...ARCHITECTURE_TEST_YEARS],
    ...options,
    models: structuredClone(ARCHITECTURE_MODELS) as RollingStudyOptions["models"],
  });
}
