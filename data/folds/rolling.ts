/**
 * Rolling folds: test one calendar year; train on the `trainYears` years before it, with an
 * optional validation tail (last `validationYears` years, or a fraction of the training
 * rows) for early stopping.
 */
import type { Fold } from "../../models/contract.ts";
import type { FeatureFrame } from "../frame.ts";
import { assembleFold, type FoldShape } from "./assemble.ts";
import { type OriginPlan, planOrigins } from "./origins.ts";
import { periodsFor } from "./periods.ts";

/** The default study's test years, one rolling fold each: 2016–2024. */
export const DEFAULT_TEST_YEARS: readonly number[] = Array.from({ length: 9 }, (_, i) => 2016 + i);

export interface FoldCommon {
  encoderLength: number;
  horizon: number;
  embargo: number;
  /** Past features to keep by name; null keeps all. */
  features: readonly string[] | null;
  laggedTarget: boolean;
  /** Clip scaled features at ± this many training standard deviations; null = no clip. */
  clipStd: number | null;
  /** Frame features kept raw as training-label series (`Fold.labelSeries`), never inputs. */
  labelSeries?: readonly string[];
}

export interface RollingOptions extends FoldCommon {
  testYear: number;
  trainYears: number;
  /** Years at the end of the train window used for validation; 0 for none. */
  validationYears: number;
  /** When set, the validation tail is this fraction of the training rows instead. */
  validationFraction: number | null;
}

export interface PlannedFold {
  fold: Fold;
  plan: OriginPlan;
  /** Dates of test timestamps that cannot be scored because the data ends before o + H. */
  unscoredDates: string[];
}

export function rollingFold(frame: FeatureFrame, options: RollingOptions): PlannedFold {
  const { testYear, trainYears } = options;
  const validation = options.validationFraction !== null
    ? { fraction: options.validationFraction }
    : options.validationYears > 0
    ? { from: `${testYear - options.validationYears}-01-01` }
    : null;
  const periods = periodsFor(frame.dates, {
    label: `rolling fold testYear=${testYear}`,
    trainFrom: `${testYear - trainYears}-01-01`,
    testFrom: `${testYear}-01-01`,
    testTo: `${testYear + 1}-01-01`,
    validation,
    encoderLength: options.encoderLength,
  });
  const plan = planOrigins(periods, { rows: frame.dates.length, ...options });
  const shape: FoldShape = { ...options, id: `rolling-${testYear}-${frame.frequency}` };
  const unscoredDates = plan.unscored.map((row) => frame.dates[row]);
  return { fold: assembleFold(frame, plan, shape), plan, unscoredDates };
}
