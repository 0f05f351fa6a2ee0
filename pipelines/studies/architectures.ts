/**
 * The architecture study (issue 13): do state-space (Mamba) and all-MLP mixer models
 * (TSMixer, multi-scale TSMixer) call the next bar's S&P 500 return better than the CLS
 * Transformer, the TFT, the LSTM — and than always-long? Every model sees the same
 * point-in-time features on the same rolling folds (test years 2016–2024, ten training
 * years before each, the last held out for early stopping) and is scored on the same bars.
 */
import type { PipelineBuilder } from "../../engine/mod.ts";
import { rollingStudy, type RollingStudyOptions } from "./rolling_study.ts";

/** The models compared; the multi-scale TSMixer's paths follow the encoder length. */
export const ARCHITECTURE_MODELS = {
  "mamba": { kind: "mamba" },
  "tsmixer": { kind: "tsmixer" },
  "multiscale-tsmixer": { kind: "multiscale-tsmixer" },
  "cls-transformer": { kind: "cls-transformer" },
  "tft": { kind: "tft" },
  "lstm": { kind: "lstm" },
  "always-long": { kind: "always-long" },
} as const;

/**
 * Seeds the study is run under (`--seed`): the engine hands one seed to a whole run, so
 * each seed is one run of the pipeline (cached fetch, feature and split nodes are shared).
 */
export const ARCHITECTURE_SEEDS = [1, 2, 3] as const;

export function architectureStudy(
  p: PipelineBuilder,
  options: Omit<RollingStudyOptions, "models">,
): void {
  rollingStudy(p, {
    ...options,
    models: structuredClone(ARCHITECTURE_MODELS) as RollingStudyOptions["models"],
  });
}
