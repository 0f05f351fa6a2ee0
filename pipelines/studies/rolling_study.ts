/**
 * The rolling-fold comparison the model studies share: the S&P 500's point-in-time features,
 * nine rolling folds (test years 2016–2024, each trained on the ten years before it, the last
 * of them held out for early stopping), every model fitted on a fold's training rows and
 * predicting its test year, all scored on the same bars beside always-long, and the report.
 */
import { type PipelineBuilder, sweep } from "../../engine/mod.ts";
import { DEFAULT_TEST_YEARS, rollingFold } from "../../tasks/split.ts";
import { trainModel } from "../../tasks/train.ts";
import { predictModel } from "../../tasks/predict.ts";
import { trainingView } from "../../tasks/training_view.ts";
import { evaluateForecasts } from "../../tasks/evaluate.ts";
import { renderReport } from "../../tasks/report.ts";
import { spxFeatures, STUDY_FEATURES } from "./market_data.ts";

export interface RollingStudyOptions {
  frequency: "weekly" | "daily";
  /** Bars of history each window model sees. */
  encoderLength: number;
  title: string;
  /** The compared models by label: `{ kind, ...config }` each. */
  models: Record<string, { kind: string } & Record<string, unknown>>;
}

export function rollingStudy(p: PipelineBuilder, options: RollingStudyOptions): void {
  const features = spxFeatures(p, { frequency: options.frequency });

  const fold = p.split("fold", rollingFold, {
    testYear: sweep([...DEFAULT_TEST_YEARS]),
    trainYears: 10,
    validationYears: 1,
    encoderLength: options.encoderLength,
    horizon: 1,
    features: [...STUDY_FEATURES],
  }, { features });

  // Fits read the fold's training rows only, so a revision of test-period rows re-predicts
  // (predict) without refitting.
  const trainRows = p.split("train-rows", trainingView, {}, { fold });
  const fit = p.train("fit", trainModel, { model: sweep(options.models) }, { fold: trainRows });
  const forecasts = p.train("predict", predictModel, {}, { fold, fitted: fit });

  // The features give the report each macro series' publication timing (method section).
  const metrics = p.evaluate("metrics", evaluateForecasts, {}, {
    fits: forecasts.gather(),
    features,
  });
  p.report("report", renderReport, { title: options.title }, { metrics });
}
