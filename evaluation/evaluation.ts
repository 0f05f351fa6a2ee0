/**
 * The evaluation stage's output: everything the report renders, as plain data (the store
 * encodes it; `metrics.json` is this object without `series`). Undefined numbers are null.
 */
import type { BacktestSummary } from "./backtest.ts";
import type { CollapseDiagnostics } from "./collapse.ts";
import type { DmComparison } from "./comparisons.ts";
import type { ExplanationSummary } from "./explanation_summary.ts";
import type { VolatilityScore } from "./volatility.ts";
import type { GroupScore } from "./group_score.ts";
import type { ModelProvenance } from "./provenance.ts";
import type { QuantileCalibration } from "./quantile_scores.ts";
import type { EvaluationSettings } from "./settings.ts";
import type { Frequency } from "../models/contract.ts";
import type { MacroRegimeEvaluation } from "./macro_regime/evaluation.ts";
import type { ModelSearchSummary } from "./model_search/summary.ts";
import type { PretrainedEvaluation } from "./pretrained/evaluation.ts";

export const EVALUATION_SCHEMA = "finfusion.evaluation/3";

export interface DateSpan {
  firstDate: string;
  lastDate: string;
  rows: number;
}

/**
 * A fold's test span (the top-level fields), the validation span it selected on and the
 * training span it was fitted on (dates of the first and last training target).
 */
export interface FoldInfo extends DateSpan {
  foldId: string;
  testYear: number | null;
  /** How tables and charts name the fold: its test year or test window (`fold_labels.ts`). */
  label: string;
  validation: DateSpan | null;
  /** Null when the train results predate `TrainResult.trainSpan`. */
  train: DateSpan | null;
}

export interface FoldScore extends GroupScore {
  foldId: string;
  testYear: number | null;
  firstDate: string;
  lastDate: string;
}

/** Mean ± sample std of per-fold numbers, as the reference study reports them. */
export interface AcrossFolds {
  folds: number;
  daMean: number | null;
  daStd: number | null;
  baseRateMean: number | null;
  baseRateStd: number | null;
  excessMean: number | null;
  excessStd: number | null;
}

export interface BacktestSet {
  longFlat: BacktestSummary;
  longShort: BacktestSummary;
  buyAndHold: BacktestSummary;
}

export interface ModelEvaluation {
  label: string;
  model: string;
  /** Step 1, one row per fold. */
  folds: FoldScore[];
  /** Step 1, all test rows of all folds. */
  pooled: GroupScore & { calibration: QuantileCalibration[] };
  acrossFolds: AcrossFolds;
  /** Step 1 by calendar year of the forecast timestamp, and by regime at the origin. */
  byYear: GroupScore[];
  byRegime: GroupScore[];
  /** Pooled, one row per forecast step 1..H. */
  byStep: GroupScore[];
  /**
   * The mean of the H point forecasts as the step-1 call, scored on the step-1 rows
   * (`horizon_signal.ts`); null for one-step forecasts, absent in older outputs.
   */
  horizonAveraged?: GroupScore | null;
  dieboldMariano: DmComparison[];
  backtest: BacktestSet;
  collapse: CollapseDiagnostics;
  explanation: ExplanationSummary | null;
  /** Scores of the step-1 variance forecasts (GARCH); null for a model without them. */
  volatility: VolatilityScore | null;
  /** Caveats the model attached to its fits (`FitReport.notes`), each once. */
  notes: string[];
  provenance: ModelProvenance;
}

/** Step-1 rows of one model pooled over folds, for charts and CSVs. */
export interface ModelSeries {
  label: string;
  dates: string[];
  /** Fold label of each row: its test year or test window (`FoldInfo.label`). */
  fold: string[];
  regime: string[];
  actual: number[];
  point: number[];
  quantileLevels: number[];
  /** [level][row] */
  quantiles: number[][];
  /** Step-1 variance forecast per row (GARCH), or null. */
  variance: number[] | null;
  equity: { longFlat: number[]; longShort: number[]; buyAndHold: number[] };
}

export interface EvaluationMetrics {
  schema: typeof EVALUATION_SCHEMA;
  frequency: Frequency;
  horizon: number;
  periodsPerYear: number;
  settings: EvaluationSettings;
  folds: FoldInfo[];
  models: ModelEvaluation[];
  /** Things the reader should know (collapsed models, misaligned benchmarks). */
  warnings: string[];
  series: ModelSeries[];
  /** The macro-regime study's results (evaluation/macro_regime/), for its report section. */
  macroRegime?: MacroRegimeEvaluation;
  /** A random model search's results (claims audit, `tasks/model_search_summary.ts`), if any. */
  modelSearch?: ModelSearchSummary;
  /** The pretrained market model study's results (evaluation/pretrained/), if any. */
  pretrained?: PretrainedEvaluation;
}
