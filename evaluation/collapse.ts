/**
 * Collapse diagnostics: does a trained model end up as always-long in disguise?
 *
 * - On the test rows: prediction std against realised std, and the share of "up" calls.
 *   Flagged as collapsed when the forecasts call the same direction on ≥ 95% of rows or
 *   their std is below 10% of the realised std; short of that, "near always-long" (or
 *   always-short) when they call one direction on ≥ 80% of rows. Beside it, where the
 *   model departs from always-long and how often it is right there (`departures.ts`).
 * - Over training: the validation share of "up" calls and spread ratio at the first epoch
 *   and at the kept checkpoint, averaged over folds (does training push it to one side?).
 * - Per epoch (from each fold's `FitReport.history`): validation loss, validation DA,
 *   prediction std ratio and share long, for the report's charts.
 * - The correlation of validation loss with validation DA across epochs, pooled over
 *   folds, with its p-value (the reference study found r ≈ −0.46), and the same after
 *   removing each fold's means (a partial correlation controlling for the fold), since
 *   folds differ in level.
 */
import { type Departures, departuresFromAlwaysLong } from "./departures.ts";
import type { ModelRun } from "./model_runs.ts";
import type { StepRows } from "./scored_rows.ts";
import type { Spread } from "./spread.ts";
import { type CorrelationTest, pearson } from "./stats/correlation.ts";
import { mean } from "./stats/descriptive.ts";

export const COLLAPSE_SHARE = 0.95;
export const COLLAPSE_STD_RATIO = 0.1;
/** One direction on at least this share of rows (short of collapse): near always-long. */
export const NEAR_CONSTANT_SHARE = 0.8;

export type CollapsePattern = "collapsed" | "near always-long" | "near always-short" | "varied";

/** Validation numbers at the first epoch and at the kept checkpoint, mean over folds. */
export interface TrainingDrift {
  folds: number;
  firstShareLong: number | null;
  keptShareLong: number | null;
  firstStdRatio: number | null;
  keptStdRatio: number | null;
}

export interface EpochPoint {
  foldId: string;
  testYear: number | null;
  epoch: number;
  trainLoss: number | null;
  validationLoss: number | null;
  validationDa: number | null;
  predictionStdRatio: number | null;
  shareLong: number | null;
  gradRatio: number | null;
  /** The checkpoint the fold kept. */
  selected: boolean;
}

export interface CollapseDiagnostics {
  collapsed: boolean;
  /** Plain-words reasons, empty when not collapsed. */
  reasons: string[];
  pattern: CollapsePattern;
  /** Test rows where the model calls "down", unlike always-long. */
  departures: Departures;
  training: TrainingDrift | null;
  epochs: EpochPoint[];
  lossVsDa: CorrelationTest | null;
  lossVsDaWithinFold: CorrelationTest | null;
}

const finite = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : x;

export function collapseReasons(spread: Spread): string[] {
  const reasons: string[] = [];
  const { shareLong, stdRatio } = spread;
  if (shareLong !== null && shareLong >= COLLAPSE_SHARE) {
    reasons.push(`calls "up" on ${(shareLong * 100).toFixed(1)}% of test rows`);
  }
  if (shareLong !== null && shareLong <= 1 - COLLAPSE_SHARE) {
    reasons.push(`calls "down" on ${((1 - shareLong) * 100).toFixed(1)}% of test rows`);
  }
  if (stdRatio !== null && stdRatio < COLLAPSE_STD_RATIO) {
    reasons.push(`prediction std is ${(stdRatio * 100).toFixed(1)}% of the realised std`);
  }
  if (stdRatio === null && spread.predictionStd === 0) reasons.push("constant predictions");
  return reasons;
}

export function collapsePattern(spread: Spread, collapsed: boolean): CollapsePattern {
  if (collapsed) return "collapsed";
  if (spread.shareLong !== null && spread.shareLong >= NEAR_CONSTANT_SHARE) {
    return "near always-long";
  }
  if (spread.shareLong !== null && spread.shareLong <= 1 - NEAR_CONSTANT_SHARE) {
    return "near always-short";
  }
  return "varied";
}

function trainingDrift(epochs: EpochPoint[]): TrainingDrift | null {
  const folds = [...new Set(epochs.map((e) => e.foldId))].map((id) => {
    const own = epochs.filter((e) => e.foldId === id);
    return { first: own[0], kept: own.find((e) => e.selected) ?? own[own.length - 1] };
  });
  if (folds.length === 0) return null;
  const meanOf = (values: Array<number | null>) =>
    mean(values.filter((v): v is number => v !== null));
  return {
    folds: folds.length,
    firstShareLong: meanOf(folds.map((f) => f.first.shareLong)),
    keptShareLong: meanOf(folds.map((f) => f.kept.shareLong)),
    firstStdRatio: meanOf(folds.map((f) => f.first.predictionStdRatio)),
    keptStdRatio: meanOf(folds.map((f) => f.kept.predictionStdRatio)),
  };
}

export function collapseDiagnostics(
  run: ModelRun,
  test: { rows: StepRows; spread: Spread },
): CollapseDiagnostics {
  const epochs: EpochPoint[] = run.folds.flatMap(({ fit }) =>
    fit.fit.history.map((record) => ({
      foldId: fit.foldId,
      testYear: fit.testYear,
      epoch: record.epoch,
      trainLoss: finite(record.trainLoss),
      validationLoss: finite(record.validationLoss),
      validationDa: finite(record.validationDirectionalAccuracy),
      predictionStdRatio: finite(record.predictionStdRatio),
      shareLong: finite(record.shareLong),
      gradRatio: finite(record.outputToEncoderGradRatio),
      selected: record.epoch === fit.fit.selectedEpoch,
    }))
  );
  const paired = epochs.filter((e) => e.validationLoss !== null && e.validationDa !== null);
  const loss = paired.map((e) => e.validationLoss!);
  const da = paired.map((e) => e.validationDa!);
  const foldIds = [...new Set(paired.map((e) => e.foldId))];
  const reasons = collapseReasons(test.spread);
  return {
    collapsed: reasons.length > 0,
    reasons,
    pattern: collapsePattern(test.spread, reasons.length > 0),
    departures: departuresFromAlwaysLong(test.rows.point, test.rows.actual),
    training: trainingDrift(epochs),
    epochs,
    lossVsDa: pearson(loss, da),
    lossVsDaWithinFold: foldIds.length > 1
      ? pearson(demeanBy(loss, paired), demeanBy(da, paired), foldIds.length - 1)
      : null,
  };
}

function demeanBy(values: number[], points: EpochPoint[]): number[] {
  const sums = new Map<string, { sum: number; count: number }>();
  points.forEach((p, i) => {
    const s = sums.get(p.foldId) ?? { sum: 0, count: 0 };
    s.sum += values[i];
    s.count++;
    sums.set(p.foldId, s);
  });
  return values.map((v, i) => {
    const s = sums.get(points[i].foldId)!;
    return v - s.sum / s.count;
  });
}
