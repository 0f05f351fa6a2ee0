/**
 * The evaluation stage: every train result of an experiment in, the metrics object the
 * report renders out. Needs nothing but the `TrainResult`s: always-long's accuracy comes
 * from the realised returns on exactly the rows each model scored.
 */
import { horizonAveragedScore } from "./horizon_signal.ts";
import type { Gathered } from "../engine/task.ts";
import type { TrainResult } from "../models/contract.ts";
import { periodsPerYear, runBacktest, type StrategyName, strategyPositions } from "./backtest.ts";
import { isBenchmark, unmatchedNames } from "./benchmark.ts";
import { breakdown } from "./breakdown.ts";
import { collapseDiagnostics } from "./collapse.ts";
import { dieboldMarianoComparisons } from "./comparisons.ts";
import {
  type AcrossFolds,
  type DateSpan,
  EVALUATION_SCHEMA,
  type EvaluationMetrics,
  type FoldInfo,
  type ModelEvaluation,
  type ModelSeries,
} from "./evaluation.ts";
import { summariseExplanations } from "./explanation_summary.ts";
import { foldLabels } from "./fold_labels.ts";
import { modelNotes } from "./model_notes.ts";
import { stepVariance, volatilityScore } from "./volatility.ts";
import { type GroupScore, scoreGroup } from "./group_score.ts";
import { groupRuns, type ModelRun } from "./model_runs.ts";
import { modelProvenance } from "./provenance.ts";
import { quantileScores } from "./quantile_scores.ts";
import { cachedRunRows, type RowsOf } from "./run_rows.ts";
import type { StepRows } from "./scored_rows.ts";
import type { EvaluationSettings } from "./settings.ts";
import { mean, sampleStd } from "./stats/descriptive.ts";

export function evaluateFits(
  fits: Gathered<TrainResult>,
  settings: EvaluationSettings,
): EvaluationMetrics {
  const { frequency, horizon, runs } = groupRuns(fits);
  const perYear = periodsPerYear(frequency);
  const folds = foldInfos(runs);
  const labels = foldLabels(folds);
  const warnings = unmatchedNames(settings, runs);
  const models: ModelEvaluation[] = [];
  const series: ModelSeries[] = [];
  const rowsOf = cachedRunRows();
  for (const run of runs) {
    const evaluation = evaluateRun(run, runs, { horizon, perYear, settings, labels, rowsOf });
    models.push(evaluation.model);
    series.push(evaluation.series);
    if (evaluation.provenanceWarning) warnings.push(evaluation.provenanceWarning);
    // A variance forecaster (GARCH) is judged on volatility: its mean is no direction call.
    const { collapse, volatility } = evaluation.model;
    if (!isBenchmark(settings, run) && collapse.collapsed && !volatility) {
      warnings.push(
        `${run.label} looks collapsed: ${collapse.reasons.join("; ")}`,
      );
    }
  }
  const foldCount = folds.length;
  for (const model of models) {
    if (model.folds.length < foldCount) {
      warnings.push(`${model.label} forecast ${model.folds.length} of ${foldCount} folds`);
    }
  }
  return {
    schema: EVALUATION_SCHEMA,
    frequency,
    horizon,
    periodsPerYear: perYear,
    settings,
    folds: folds.map((fold) => ({ ...fold, label: labels.get(fold.foldId)! })),
    models,
    warnings,
    series,
  };
}

function dateSpan(dates: string[]): DateSpan | null {
  return dates.length
    ? { firstDate: dates[0], lastDate: dates[dates.length - 1], rows: dates.length }
    : null;
}

/** Every fold that scored test rows, in test order, from the first result that has it. */
function foldInfos(runs: ModelRun[]): Array<Omit<FoldInfo, "label">> {
  const folds = new Map<string, Omit<FoldInfo, "label">>();
  for (const { fit } of runs.flatMap((run) => run.folds)) {
    if (folds.has(fit.foldId) || fit.test.dates.length === 0) continue;
    const train = fit.trainSpan;
    folds.set(fit.foldId, {
      foldId: fit.foldId,
      testYear: fit.testYear,
      ...dateSpan(fit.test.dates)!,
      validation: fit.validation ? dateSpan(fit.validation.dates) : null,
      train: train ? { firstDate: train.first, lastDate: train.last, rows: train.rows } : null,
    });
  }
  return [...folds.values()].sort((a, b) => a.firstDate.localeCompare(b.firstDate));
}

interface RunContext {
  horizon: number;
  perYear: number;
  settings: EvaluationSettings;
  /** Fold label by fold id. */
  labels: Map<string, string>;
  /** Every run's rows per step, shared by the scores and the comparisons of all runs. */
  rowsOf: RowsOf;
}

function evaluateRun(run: ModelRun, all: ModelRun[], context: RunContext) {
  const { settings, horizon, labels, rowsOf } = context;
  // A fold without test rows has no label; its (empty) score keeps the fold id.
  const foldLabel = (fit: TrainResult) => labels.get(fit.foldId) ?? fit.foldId;
  const rows = rowsOf(run, 1);
  const score = (group: string, subset: StepRows, seedKey: string, strata?: number[][]) =>
    scoreGroup({
      group,
      rows: subset,
      strata,
      step: 1,
      settings,
      // Not keyed by model: every model draws the same resamples of the same rows, so
      // always-long's interval is one number wherever it appears.
      seedKey,
    });
  const folds = run.folds.map(({ fit }, k) => {
    const foldRows = rows.byFold[k];
    return {
      ...score(foldLabel(fit), foldRows, `fold/${fit.foldId}`),
      foldId: fit.foldId,
      testYear: fit.testYear,
      firstDate: foldRows.dates[0] ?? "",
      lastDate: foldRows.dates[foldRows.dates.length - 1] ?? "",
    };
  });
  const pooledScore = score("pooled", rows.pooled, "pooled", rows.strata);
  const calibration = rows.pooled.quantiles
    ? quantileScores(rows.pooled.quantiles, rows.pooled.actual).calibration
    : [];
  const byStep = Array.from({ length: horizon }, (_, h) => {
    const stepRows = rowsOf(run, h + 1);
    return scoreGroup({
      group: `step ${h + 1}`,
      rows: stepRows.pooled,
      strata: stepRows.strata,
      step: h + 1,
      settings,
      seedKey: `step/${h + 1}`,
    });
  });
  const averaged = horizonAveragedScore(run, { horizon, settings, rowsOf, strata: rows.strata });
  const backtests = backtestRun(rows.pooled, context);
  const byGroup = (kind: string, keyOf: (row: number) => string) =>
    breakdown({
      rows: rows.pooled,
      keyOf,
      score: (key, subset) => score(key, subset, `${kind}/${key}`),
      strata: rows.strata,
      folds,
    });
  const { provenance, warning } = modelProvenance(run);
  const byYear = byGroup("year", (i) => rows.pooled.dates[i].slice(0, 4));
  const byRegime = byGroup("regime", (i) => rows.pooled.regime[i]);
  const dieboldMariano = dieboldMarianoComparisons(run, all, { horizon, settings, rowsOf });
  const collapse = collapseDiagnostics(run, { rows: rows.pooled, spread: pooledScore });
  const explanation = summariseExplanations(run);
  // The step-1 variance, scored and kept in the series; built after the parts above, in
  // the model's field order, so a bad fit still raises the same error first.
  const variance = stepVariance(run, 1);
  const model: ModelEvaluation = {
    label: run.label,
    model: run.model,
    folds,
    pooled: { ...pooledScore, calibration },
    acrossFolds: acrossFolds(folds),
    byYear,
    byRegime,
    byStep,
    horizonAveraged: averaged,
    dieboldMariano,
    backtest: {
      longFlat: backtests["long-flat"].summary,
      longShort: backtests["long-short"].summary,
      buyAndHold: backtests["buy-and-hold"].summary,
    },
    collapse,
    explanation,
    volatility: volatilityScore(run, variance),
    notes: modelNotes(run),
    provenance,
  };
  const foldOfRow = run.folds.flatMap(({ fit }, k) =>
    rows.byFold[k].dates.map(() => foldLabel(fit))
  );
  const modelSeries: ModelSeries = {
    label: run.label,
    dates: rows.pooled.dates,
    fold: foldOfRow,
    regime: rows.pooled.regime,
    actual: [...rows.pooled.actual],
    point: [...rows.pooled.point],
    quantileLevels: rows.pooled.quantiles?.levels ?? [],
    quantiles: rows.pooled.quantiles?.values.map((column) => [...column]) ?? [],
    variance,
    equity: {
      longFlat: [...backtests["long-flat"].equity],
      longShort: [...backtests["long-short"].equity],
      buyAndHold: [...backtests["buy-and-hold"].equity],
    },
  };
  return { model, series: modelSeries, provenanceWarning: warning };
}

function backtestRun(rows: StepRows, context: RunContext) {
  const { costPerTrade, threshold } = context.settings.backtest;
  const strategies: StrategyName[] = ["long-flat", "long-short", "buy-and-hold"];
  return Object.fromEntries(strategies.map((strategy) => [
    strategy,
    runBacktest({
      strategy,
      actual: rows.actual,
      positions: strategyPositions(rows.point, strategy, threshold),
      costPerTrade,
      periodsPerYear: context.perYear,
    }),
  ])) as Record<StrategyName, ReturnType<typeof runBacktest>>;
}

function acrossFolds(folds: GroupScore[]): AcrossFolds {
  const values = (pick: (f: GroupScore) => number | null) =>
    folds.map(pick).filter((v): v is number => v !== null);
  return {
    folds: folds.length,
    daMean: mean(values((f) => f.da)),
    daStd: sampleStd(values((f) => f.da)),
    baseRateMean: mean(values((f) => f.baseRate)),
    baseRateStd: sampleStd(values((f) => f.baseRate)),
    excessMean: mean(values((f) => f.excess)),
    excessStd: sampleStd(values((f) => f.excess)),
  };
}
