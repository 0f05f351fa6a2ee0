/**
 * Split node of claim 1: the study's rolling windows. Step k tests the `testMonths` months
 * from `firstTest` + k·`testMonths` (moving forward 3 months a step), validates on the
 * `validationMonths` before them and trains on the `trainMonths` before those. Leak-free,
 * the inputs are standardised with the training rows' statistics (`data/folds/assemble.ts`).
 * As published (`asPublished.wholeSeriesScaler`), with the mean and deviation of the whole
 * series, test years included; the fold then lists that leak in `departures`.
 */
import { z } from "zod";
import { defineTask } from "../../engine/task.ts";
import type { Fold } from "../../models/contract.ts";
import { addMonths, parseIsoDay } from "../../data/dates.ts";
import { periodsFor } from "../../data/folds/periods.ts";
import { planOrigins } from "../../data/folds/origins.ts";
import { assembleFold } from "../../data/folds/assemble.ts";
import { fitStandardizer, standardize } from "../../data/scaler.ts";
import type { ClaimFrame } from "./wavelet_frame.ts";

export const waveletFoldParams = z.object({
  /** Which 3-month step (0 = the first test window). */
  step: z.number().int().min(0),
  /** First day of the first test window. */
  firstTest: z.string().refine((s) => parseIsoDay(s) !== null, "expected YYYY-MM-DD")
    .default("2023-01-01"),
  trainMonths: z.number().int().min(3).default(24),
  validationMonths: z.number().int().min(1).default(3),
  testMonths: z.number().int().min(1).default(3),
  /** Rows in each input window, the origin included. */
  encoderLength: z.number().int().min(1).default(10),
  asPublished: z.object({
    /** Standardise with the whole series' mean and deviation (a leak). */
    wholeSeriesScaler: z.boolean().default(false),
  }).strict().prefault({}),
}).strict();

export type WaveletFoldParams = z.infer<typeof waveletFoldParams>;

export type ClaimFold = Fold & { departures: string[] };

export const WHOLE_SERIES_SCALER = "scaler fitted on the whole series, test years included";

export function waveletFold(
  frame: ClaimFrame,
  params: WaveletFoldParams,
  where: string,
): ClaimFold {
  if (frame?.kind !== "feature-frame" || !Array.isArray(frame.departures)) {
    throw new Error(`${where}: input "features" must be a buildWaveletFrame node`);
  }
  const testFrom = addMonths(params.firstTest, params.step * params.testMonths);
  const validationFrom = addMonths(testFrom, -params.validationMonths);
  const periods = periodsFor(frame.dates, {
    label: `claim fold ${where} step=${params.step}`,
    trainFrom: addMonths(validationFrom, -params.trainMonths),
    testFrom,
    testTo: addMonths(testFrom, params.testMonths),
    validation: { from: validationFrom },
    encoderLength: params.encoderLength,
  });
  const shape = { rows: frame.dates.length, encoderLength: params.encoderLength, horizon: 1 };
  const plan = planOrigins(periods, { ...shape, embargo: 0 });
  const fold = assembleFold(frame, plan, {
    id: `wavelet-${params.step}-${testFrom}`,
    testYear: null,
    encoderLength: params.encoderLength,
    horizon: 1,
    features: null,
    laggedTarget: false,
    clipStd: null,
  });
  if (!params.asPublished.wholeSeriesScaler) {
    return { ...fold, departures: [...frame.departures] };
  }
  const all = { from: 0, to: frame.dates.length };
  const scaler = fitStandardizer(frame.past.names, frame.past.columns, all);
  const first = frame.dates.indexOf(fold.dates[0]);
  const rows = { from: first, to: first + fold.dates.length };
  return {
    ...fold,
    past: { ...fold.past, values: standardize(frame.past.columns, scaler, { rows }) },
    scaler,
    departures: [...frame.departures, WHOLE_SERIES_SCALER],
  };
}

export const waveletFoldTask = defineTask({
  name: "split.wavelet-fold",
  kind: "split",
  module: import.meta.url,
  params: waveletFoldParams,
  inputs: { features: "required" },
  run: ({ features }: { features: ClaimFrame }, params, ctx): ClaimFold => {
    const fold = waveletFold(features, params, ctx.nodeId);
    ctx.progress({
      message: `${fold.id}: ${fold.splits.train.length} train, ${fold.splits.validation.length} ` +
        `validation, ${fold.splits.test.length} test origins`,
      fraction: 1,
    });
    return fold;
  },
});
