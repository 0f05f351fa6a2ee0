/**
 * The architecture study (issue 13): do state-space (Mamba) and all-MLP mixer models
 * (TSMixer, multi-scale TSMixer) call the next bar's S&P 500 return better than the CLS
 * Transformer, the TFT, the LSTM — and than always-long? Every model sees the same
 * point-in-time features on the same rolling folds (test years 2016–2024, ten training
 * years before each, the last held out for early stopping) and is scored on the same bars.
 */
import { type PipelineBuilder, sweep } from "../../engine/mod.ts";
import { DEFAULT_TEST_YEARS, rollingFold } from "../../tasks/split.ts";
import { trainModel } from "../../tasks/train.ts";
import { predictModel } from "../../tasks/predict.ts";
import { trainingView } from "../../tasks/training_view.ts";
import { evaluateForecasts } from "../../tasks/evaluate.ts";
import { renderReport } from "../../tasks/report.ts";
import { spxFeatures, STUDY_FEATURES } from "./market_data.ts";

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

export interface ArchitectureStudyOptions {
  frequency: "weekly" | "daily";
  /** Bars of history each window model sees. */
  encoderLength: number;
  title: string;
}

export function architectureStudy(p: PipelineBuilder, options: ArchitectureStudyOptions): void {
  const features = spxFeatures(p, { frequency: options.frequency });
  const fold = p.split("fold", rollingFold, {
    testYear: sweep([...DEFAULT_TEST_YEARS]),
    trainYears: 10,
    validationYears: 1,
    encoderLength: options.encoderLength,
    horizon: 1,
    features: [...STUDY_FEATURES],
  }, { features });
  // Fits read the fold's training rows only; predict reads the whole fold.
  const trainRows = p.split("train-rows", trainingView, {}, { fold });
  const fit = p.train("fit", trainModel, {
    model: sweep(structuredClone(ARCHITECTURE_MODELS) as Record<string, { kind: string }>),
  }, { fold: trainRows });
  const forecasts = p.train("predict", predictModel, {}, { fold, fitted: fit });
  const metrics = p.evaluate("metrics", evaluateForecasts, {}, {
    fits: forecasts.gather(),
    features,
  });
  p.report("report", renderReport, { title: options.title }, { metrics });
}
