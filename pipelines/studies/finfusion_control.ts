/**
 * The plain-TFT control shared by the finfusion phases whose folds are identical (the
 * standard weekly folds: default features, encoder 12, horizon 1). Declared once per DAG,
 * with ids no phase prefixes, so a phase alone and the program give the same node ids:
 *
 * - `weekly-fold` / `weekly-train-rows`: the nine rolling folds (the raw VIX kept as a label
 *   series for the volatility-regime heads; not an input) every sharing phase fits on;
 * - `control-fit` / `control-predict`: the plain TFT under each replicate, which each sharing
 *   phase's evaluation reads beside its own fits (as `tft`). It keeps every checkpoint
 *   rule's best epoch (its own forecasts are those of the plain TFT, bit for bit), so the
 *   checkpoint phase re-selects rules from it without a fit of its own.
 *
 * Narrow a sharing phase with `weekly-fold.testYear=[…]` and, when narrowing
 * `<phase>-fit.replicate`, narrow `control-fit.replicate` alike (otherwise the evaluation's
 * two inputs disagree on the replicate axis, which the loader names).
 */
import { type NodeRef, type PipelineBuilder, sweep } from "../../engine/mod.ts";
import type { FeatureFrame, FeatureName } from "../../data/frame.ts";
import type { Fold } from "../../models/contract.ts";
import type { FittedModel, TrainResult } from "../../models/contract.ts";
import { CHECKPOINT_SELECTIONS } from "../../models/tf/trainer_config.ts";
import { predictModel } from "../../tasks/predict.ts";
import { trainReplicate } from "../../tasks/replicate.ts";
import { DEFAULT_TEST_YEARS, rollingFold } from "../../tasks/split.ts";
import { trainingView } from "../../tasks/training_view.ts";
import { STUDY_FEATURES } from "./market_data.ts";

/** The control's label in every sharing phase. */
export const CONTROL_LABEL = "tft";

/** The standard weekly rolling folds' parameters (the default phase fold). */
export function standardFoldParams(labelSeries?: readonly FeatureName[]) {
  return {
    testYear: sweep([...DEFAULT_TEST_YEARS]),
    trainYears: 10,
    validationYears: 1,
    encoderLength: 12,
    horizon: 1,
    features: [...STUDY_FEATURES],
    ...(labelSeries ? { labelSeries: [...labelSeries] } : {}),
  };
}

export interface SharedControl {
  fold: NodeRef<Fold>;
  trainRows: NodeRef<Fold>;
  /** The control's stored fits (every checkpoint rule kept), per fold and replicate. */
  fit: NodeRef<FittedModel>;
  /** Its forecasts under its own rule (label `tft`), per fold and replicate. */
  forecasts: NodeRef<TrainResult>;
}

/** Declares the shared folds and control once (the first sharing phase), then reuses them. */
export function declareSharedControl(
  p: PipelineBuilder,
  features: NodeRef<FeatureFrame>,
  options: { control: Record<string, unknown>; replicates: number[] },
): SharedControl {
  const fold = p.split("weekly-fold", rollingFold, standardFoldParams(["vix"]), { features });
  const trainRows = p.split("weekly-train-rows", trainingView, {}, { fold });
  const control = {
    ...options.control,
    training: { keepCheckpoints: [...CHECKPOINT_SELECTIONS] },
  };
  const fit = p.train("control-fit", trainReplicate, {
    model: sweep({ [CONTROL_LABEL]: control }),
    replicate: sweep(options.replicates),
  }, { fold: trainRows });
  const forecasts = p.train("control-predict", predictModel, {}, { fold, fitted: fit });
  return { fold, trainRows, fit, forecasts };
}
