/**
 * Expanding walk-forward folds: training always starts at `start`; step k trains on
 * `initialYears` years plus k · `stepMonths` months and tests the following `testMonths`
 * months (default: one step), with an optional validation tail.
 */
import { addMonths, isoDate, isoDay } from "../dates.ts";
import type { FeatureFrame } from "../frame.ts";
import { assembleFold } from "./assemble.ts";
import { planOrigins } from "./origins.ts";
import { periodsFor } from "./periods.ts";
import type { FoldCommon, PlannedFold } from "./rolling.ts";

export interface WalkForwardOptions extends FoldCommon {
  start: string;
  initialYears: number;
  stepMonths: number;
  /** Null: one step. */
  testMonths: number | null;
  step: number;
  /** Months at the end of the training window used for validation; 0 for none. */
  validationMonths: number;
  validationFraction: number | null;
}

export function walkForwardWindows(options: WalkForwardOptions) {
  const testFrom = addMonths(
    options.start,
    options.initialYears * 12 + options.step * options.stepMonths,
  );
  const testTo = addMonths(testFrom, options.testMonths ?? options.stepMonths);
  return { trainFrom: options.start, testFrom, testTo };
}

/**
 * How many steps have their whole test window on or before `lastDate`, the last date of the
 * fetched data (the fetch nodes' `end`), so a DAG file can sweep `step` over 0..count-1.
 */
export function walkForwardStepCount(lastDate: string, options: Omit<WalkForwardOptions, "step">) {
  const dayAfter = isoDate(isoDay(lastDate) + 1);
  let steps = 0;
  while (walkForwardWindows({ ...options, step: steps }).testTo <= dayAfter) steps++;
  return steps;
}

export function walkForwardFold(frame: FeatureFrame, options: WalkForwardOptions): PlannedFold {
  const windows = walkForwardWindows(options);
  const validation = options.validationFraction !== null
    ? { fraction: options.validationFraction }
    : options.validationMonths > 0
    ? { from: addMonths(windows.testFrom, -options.validationMonths) }
    : null;
  const periods = periodsFor(frame.dates, {
    label: `walk-forward fold step=${options.step}`,
    ...windows,
    validation,
    encoderLength: options.encoderLength,
  });
  const plan = planOrigins(periods, { rows: frame.dates.length, ...options });
  const fold = assembleFold(frame, plan, {
    ...options,
    id: `walk-forward-${options.step}-${windows.testFrom}-${frame.frequency}`,
    testYear: null,
  });
  return { fold, plan, unscoredDates: plan.unscored.map((row) => frame.dates[row]) };
}
