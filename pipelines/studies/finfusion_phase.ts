/**
 * One phase of the finfusion experiment program (issue 12): TFT variants, each an
 * intervention against the output collapse, fitted on the nine weekly rolling folds (test
 * years 2016–2024, ten training years before each, the last held out for early stopping)
 * and scored on the same bars beside always-long (the evaluation's base rate on the same
 * rows, and the always-long model itself), with the report. Optionally a stage-2 fit reads
 * a stage-1 TFT's stored model over the same folds (frozen-backbone fine-tuning).
 *
 * Seeds: a phase runs under one seed per run (`--seed`); the replicate sweep of the train
 * tasks (another issue) will put several seeds into one run.
 */
import { type PipelineBuilder, sweep } from "../../engine/mod.ts";
import type { FeatureName } from "../../data/frame.ts";
import { DEFAULT_TEST_YEARS, rollingFold } from "../../tasks/split.ts";
import { fitModel, trainModel } from "../../tasks/train.ts";
import { predictModel } from "../../tasks/predict.ts";
import { trainingView } from "../../tasks/training_view.ts";
import { evaluateForecasts } from "../../tasks/evaluate.ts";
import { renderReport } from "../../tasks/report.ts";
import { spxFeatures, STUDY_FEATURES } from "./market_data.ts";

export type ModelConfig = { kind: string } & Record<string, unknown>;

export interface PhaseOptions {
  title: string;
  /** The compared models by label (TFT variants, always-long, ...). */
  models: Record<string, ModelConfig>;
  /**
   * Past features of the folds (default: the studies' set), or named sets to sweep (one
   * evaluation and report per set, e.g. the ablation presets).
   */
  features?: readonly FeatureName[] | Record<string, readonly FeatureName[]>;
  /** Features the feature node computes, when the folds need ones outside its default. */
  computed?: readonly FeatureName[];
  /** Forecast horizon, or several (one evaluation and report per horizon). */
  horizon?: number | number[];
  encoderLength?: number;
  /**
   * Frozen-backbone fine-tuning: `models` become stage-2 fits that read this stage-1
   * model's stored weights (`upstream`) on the same fold.
   */
  stage1?: ModelConfig;
}

/** The phase's baseline TFT: the weekly defaults of `models/tft/README.md`. */
export const BASE_TFT: ModelConfig = { kind: "tft" };

export function finfusionPhase(p: PipelineBuilder, options: PhaseOptions): void {
  const features = spxFeatures(p, {
    frequency: "weekly",
    ...(options.computed ? { features: options.computed } : {}),
  });
  const fold = p.split("fold", rollingFold, {
    testYear: sweep([...DEFAULT_TEST_YEARS]),
    trainYears: 10,
    validationYears: 1,
    encoderLength: options.encoderLength ?? 12,
    horizon: Array.isArray(options.horizon) ? sweep([...options.horizon]) : options.horizon ?? 1,
    features: foldFeatures(options.features),
  }, { features });
  const trainRows = p.split("train-rows", trainingView, {}, { fold });
  const models = { model: sweep(structuredClone(options.models)) };
  const fit = options.stage1
    ? p.train("fit", trainModel, models, {
      fold: trainRows,
      // fit-model stores the TrainResult (weights and config) a stage-2 fit reads
      upstream: p.train("stage-1", fitModel, { model: structuredClone(options.stage1) }, { fold }),
    })
    : p.train("fit", trainModel, models, { fold: trainRows });
  const forecasts = p.train("predict", predictModel, {}, { fold, fitted: fit });
  // One evaluation per horizon or feature set (when swept): every model of every fold.
  const metrics = p.evaluate("metrics", evaluateForecasts, {}, {
    fits: forecasts.gather("testYear", "model"),
    features,
  });
  p.report("report", renderReport, { title: options.title }, { metrics });
}

function foldFeatures(features: PhaseOptions["features"]) {
  if (!features) return [...STUDY_FEATURES];
  if (Array.isArray(features)) return [...features];
  const sets = features as Record<string, readonly FeatureName[]>;
  return sweep(Object.fromEntries(Object.entries(sets).map(([k, v]) => [k, [...v]])));
}
