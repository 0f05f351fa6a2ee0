/**
 * The study behind `weekly-tft` and `daily-tft`: does a Temporal Fusion Transformer with
 * macro conditioning call the direction of the next bar's S&P 500 return better than
 * always-long, ARIMAX and a 3-layer LSTM?
 *
 * Nine rolling folds test the calendar years 2016–2024, each trained on the ten years
 * before it (the last of them held out for early stopping). Every model sees the same
 * point-in-time features and is scored on the same bars; always-long is the bar to beat.
 */
import { type PipelineBuilder, sweep } from "../../engine/mod.ts";
import { DEFAULT_TEST_YEARS, rollingFold } from "../../tasks/split.ts";
import { trainModel } from "../../tasks/train.ts";
import { predictModel } from "../../tasks/predict.ts";
import { trainingView } from "../../tasks/training_view.ts";
import { evaluateForecasts } from "../../tasks/evaluate.ts";
import { renderReport } from "../../tasks/report.ts";
import { spxFeatures, STUDY_FEATURES } from "./market_data.ts";

/** ARIMAX regressors: the study's macro conditioning. */
export const MACRO_REGRESSORS = ["cpi_yoy", "unrate_change", "dgs10_change", "vix", "spread_2s10s"];

export interface StudyOptions {
  frequency: "weekly" | "daily";
  /** Bars of history each window model sees. */
  encoderLength: number;
  title: string;
}

export function tftVersusBaselines(p: PipelineBuilder, options: StudyOptions): void {
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
  const fit = p.train("fit", trainModel, {
    model: sweep({
      "tft": { kind: "tft" },
      "always-long": { kind: "always-long" },
      "arimax": { kind: "arimax", exog: MACRO_REGRESSORS },
      "lstm": { kind: "lstm" },
    }),
  }, { fold: trainRows });
  const forecasts = p.train("predict", predictModel, {}, { fold, fitted: fit });

  // The features give the report each macro series' publication timing (method section).
  const metrics = p.evaluate("metrics", evaluateForecasts, {}, {
    fits: forecasts.gather(),
    features,
  });
  p.report("report", renderReport, { title: options.title }, { metrics });
}
