/**
 * Split nodes: one {@link Fold} (models/contract.ts) per expansion, from the feature frame.
 * `rollingFold` tests one calendar year (pipelines sweep testYear 2016..2024);
 * `walkForwardFold` is the expanding alternative (sweep `step`). Every timestamp of the
 * test period is scored; scalers are fitted on the fold's training rows only.
 */
import { z } from "zod";
import { defineTask, type TaskContext } from "../engine/task.ts";
import type { Fold } from "../models/contract.ts";
import { ALL_FEATURE_NAMES, type FeatureFrame } from "../data/frame.ts";
import { parseIsoDay } from "../data/dates.ts";
import {
  DEFAULT_TEST_YEARS,
  type PlannedFold,
  rollingFold as planRolling,
} from "../data/folds/rolling.ts";
import { walkForwardFold as planWalkForward } from "../data/folds/walk_forward.ts";
import { panelFold as planPanel } from "../data/panel/fold.ts";
import type { PanelFold } from "../models/panel_fold.ts";
import type { PanelFrame } from "../data/panel/frame.ts";

/** Sweep `testYear` over these for the default nine folds: `sweep([...DEFAULT_TEST_YEARS])`. */
export { DEFAULT_TEST_YEARS };

const common = {
  /** Rows in each input window, the origin included. */
  encoderLength: z.number().int().min(1).default(12),
  /** Forecast steps per origin (labels o+1..o+H). */
  horizon: z.number().int().min(1).default(1),
  /** Extra rows left between the last label of one split and the first of the next. */
  embargo: z.number().int().min(0).default(0),
  /** Past features to keep (frame names); null keeps every feature of the frame. */
  features: z.array(z.enum(ALL_FEATURE_NAMES)).min(1).nullable().default(null),
  /** Keep "ret", the scaled lagged target, among the past features (window models need it). */
  laggedTarget: z.boolean().default(true),
  /**
   * Clip scaled features at ± this many training-window standard deviations (null = no
   * clip): out-of-sample macro shocks (April 2020 unemployment: +70 sd) stay bounded.
   */
  clipStd: z.number().positive().nullable().default(5),
  /** When set (0..1), the validation tail is this fraction of the training rows. */
  validationFraction: z.number().gt(0).lt(1).nullable().default(null),
  /**
   * Frame features kept raw per fold row as training-label series (`Fold.labelSeries`), not
   * as inputs: `["vix"]` for the TFT's volatility-regime auxiliary head. Absent: none.
   */
  labelSeries: z.array(z.enum(ALL_FEATURE_NAMES)).min(1).optional(),
};

/** The rolling window, shared by single-series and panel folds. */
const rollingWindow = {
  /** Calendar year scored by the test split. */
  testYear: z.number().int().min(1900).max(2200),
  /** Years of training labels before the test year (the validation tail included). */
  trainYears: z.number().int().min(1).default(10),
  /** Last years of the train window used for validation (early stopping); 0 for none. */
  validationYears: z.number().int().min(0).default(1),
};

export const rollingParams = z.object({ ...rollingWindow, ...common }).strict();

export const walkForwardParams = z.object({
  /** Which step of the walk (0 = the first test window). */
  step: z.number().int().min(0),
  /** First training label date; training always starts here (expanding window). */
  start: z.string().refine((s) => parseIsoDay(s) !== null, "expected YYYY-MM-DD")
    .default("2006-01-01"),
  /** Years of training before the first test window. */
  initialYears: z.number().int().min(1).default(4),
  /** Months the window grows by per step. */
  stepMonths: z.number().int().min(1).default(6),
  /** Months tested per step; null = stepMonths. */
  testMonths: z.number().int().min(1).nullable().default(null),
  /** Last months of the training window used for validation; 0 for none. */
  validationMonths: z.number().int().min(0).default(12),
  ...common,
}).strict();

export type RollingParams = z.infer<typeof rollingParams>;
export type WalkForwardParams = z.infer<typeof walkForwardParams>;

function checkFrame(frame: FeatureFrame, nodeId: string) {
  if (frame?.kind !== "feature-frame") {
    throw new Error(`split node ${nodeId}: input "features" must be a buildFeatures output`);
  }
}

function report({ fold, plan, unscoredDates }: PlannedFold, ctx: TaskContext): Fold {
  if (unscoredDates.length > 0) {
    ctx.warn(
      `${fold.id}: ${unscoredDates.length} test timestamps cannot be scored at horizon ` +
        `${fold.horizon} because the data ends before their last label (${
          unscoredDates.join(", ")
        }); fetch later data or use horizon 1`,
    );
  }
  ctx.progress({
    message: `${fold.id}: ${fold.splits.train.length} train, ${fold.splits.validation.length} ` +
      `validation, ${fold.splits.test.length} test origins; ${plan.purged} purged, ` +
      `${plan.embargoed} embargoed`,
    fraction: 1,
  });
  return fold;
}

/** A test year the data covers only in part (ending before 24 December) is scored, with a warning. */
function warnIfPartYear(
  fold: { id: string; testYear: number | null; splits: { test: Int32Array } },
  dates: readonly string[],
  ctx: TaskContext,
) {
  const last = dates[dates.length - 1];
  if (fold.testYear === null || last >= `${fold.testYear}-12-24`) return;
  ctx.warn(
    `${fold.id}: test year ${fold.testYear} is incomplete: the data ends ${last}, so this fold ` +
      `scores ${fold.splits.test.length} bars, not the whole year`,
  );
}

export const rollingFold = defineTask({
  name: "split.rolling-fold",
  kind: "split",
  module: import.meta.url,
  params: rollingParams,
  inputs: { features: "required" },
  run: ({ features }: { features: FeatureFrame }, params, ctx): Fold => {
    checkFrame(features, ctx.nodeId);
    const planned = planRolling(features, params);
    warnIfPartYear(planned.fold, features.dates, ctx);
    return report(planned, ctx);
  },
});

export const walkForwardFold = defineTask({
  name: "split.walk-forward-fold",
  kind: "split",
  module: import.meta.url,
  params: walkForwardParams,
  inputs: { features: "required" },
  run: ({ features }: { features: FeatureFrame }, params, ctx): Fold => {
    checkFrame(features, ctx.nodeId);
    return report(planWalkForward(features, params), ctx);
  },
});

export const panelFoldParams = z.object({
  ...rollingWindow,
  encoderLength: common.encoderLength,
  horizon: common.horizon,
  embargo: common.embargo,
  clipStd: common.clipStd,
  /** A series with fewer present training rows is left out of the fold (with a warning). */
  minTrainRows: z.number().int().min(2).default(60),
}).strict();

/** Rolling panel fold (data/panel/fold.ts): one test year, per-series training scalers. */
export const panelFold = defineTask({
  name: "split.panel-fold",
  kind: "split",
  module: import.meta.url,
  params: panelFoldParams,
  inputs: { features: "required" },
  run: ({ features }: { features: PanelFrame }, params, ctx): PanelFold => {
    const { fold, plan, excluded } = planPanel(features, params);
    warnIfPartYear(fold, features.dates, ctx);
    const unscored = plan.unscored.map((row) => features.dates[row]);
    if (unscored.length > 0) {
      ctx.warn(
        `${fold.id}: ${unscored.length} test timestamps cannot be scored at horizon ` +
          `${params.horizon}: the data ends before their last label (${unscored.join(", ")})`,
      );
    }
    if (excluded.length > 0) {
      ctx.warn(
        `${fold.id}: ${excluded.length} series have fewer than ${params.minTrainRows} ` +
          `training rows and are absent from this fold: ${excluded.join(", ")}`,
      );
    }
    ctx.progress({
      message: `${fold.id}: ${fold.members.length} series, ${plan.train.length} train, ` +
        `${plan.validation.length} validation, ${plan.test.length} test origins`,
      fraction: 1,
    });
    return fold;
  },
});
