/**
 * The rolling-fold comparison the model studies share: the S&P 500's point-in-time features,
 * nine rolling folds (test years 2016–2024, each trained on the ten years before it, the last
 * of them held out for early stopping), every model fitted on a fold's training rows and
 * predicting its test year, all scored on the same bars beside always-long, and the report.
 */
import { type NodeRef, type PipelineBuilder, sweep } from "../../engine/mod.ts";
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import { DEFAULT_TEST_YEARS, rollingFold } from "../../tasks/split.ts";
import { trainModel } from "../../tasks/train.ts";
import { trainReplicate } from "../../tasks/replicate.ts";
import { poolReplicates } from "../../tasks/replicates.ts";
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
  /**
   * Replicates (e.g. `[0, 1, 2]`): every model is fitted once per replicate under its own
   * seed (`tasks/replicate.ts`), evaluated per replicate, and the report pools them
   * (`tasks/replicates.ts`). Absent: one fit per model under the run's seed, as before.
   */
  replicates?: number[];
  /** Test years of the folds; absent: `DEFAULT_TEST_YEARS` (2016–2024). */
  testYears?: number[];
  /** Extra nodes whose outputs join the report's metrics (e.g. a latency measurement). */
  extras?: (p: PipelineBuilder, metrics: NodeRef<EvaluationMetrics>) => NodeRef<EvaluationMetrics>;
}

export function rollingStudy(p: PipelineBuilder, options: RollingStudyOptions): void {
  const features = spxFeatures(p, { frequency: options.frequency });

  const fold = p.split("fold", rollingFold, {
    testYear: sweep([...(options.testYears ?? DEFAULT_TEST_YEARS)]),
    trainYears: 10,
    validationYears: 1,
    encoderLength: options.encoderLength,
    horizon: 1,
    features: [...STUDY_FEATURES],
  }, { features });

  // Fits read the fold's training rows only, so a revision of test-period rows re-predicts
  // (predict) without refitting.
  const trainRows = p.split("train-rows", trainingView, {}, { fold });
  const { replicates } = options;
  const fit = replicates
    ? p.train("fit", trainReplicate, {
      model: sweep(options.models),
      replicate: sweep(replicates),
    }, { fold: trainRows })
    : p.train("fit", trainModel, { model: sweep(options.models) }, { fold: trainRows });
  const forecasts = p.train("predict", predictModel, {}, { fold, fitted: fit });

  // The features give the report each macro series' publication timing (method section).
  // With replicates, one evaluation per replicate (gathered over folds and models), pooled.
  let metrics: NodeRef<EvaluationMetrics> = p.evaluate("metrics", evaluateForecasts, {}, {
    fits: replicates ? forecasts.gather("testYear", "model") : forecasts.gather(),
    features,
  });
  if (replicates) {
    metrics = p.evaluate("replicates", poolReplicates, {}, { metrics: metrics.gather() });
  }
  if (options.extras) metrics = options.extras(p, metrics);
  p.report("report", renderReport, { title: options.title }, { metrics });
}
