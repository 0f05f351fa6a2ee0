/**
 * The macro-regime study as an evaluation the report renders: the standard evaluation
 * record with no forecast models of its own (its section reads `macroRegime`), one
 * {@link TimingStudy} per timing, point in time first, and the source's published numbers.
 */
import { EVALUATION_SCHEMA, type EvaluationMetrics } from "../evaluation.ts";
import { DEFAULT_SETTINGS } from "../settings.ts";
import type { DailyScore } from "../../models/macro_regime/daily_score.ts";
import type { WalkForwardRow } from "../../models/macro_regime/walk_forward.ts";
import type { Closes } from "./market.ts";
import type { CalibrationReport } from "./ledger.ts";
import { type StudyOptions, type TimingStudy, timingStudy } from "./study.ts";

/** The source's headline table (seed 002): windows, ensemble MAE, direction, coverage. */
export const SOURCE_HEADLINE = [
  { horizon: 7, windows: 1456, mae: 0.17, direction: 0.929, coverage: 0.987 },
  { horizon: 14, windows: 728, mae: 0.274, direction: 0.922, coverage: 0.974 },
  { horizon: 30, windows: 339, mae: 0.488, direction: 0.917, coverage: 0.986 },
];

export interface MacroRegimeEvaluation {
  studies: TimingStudy[];
  source: typeof SOURCE_HEADLINE;
}

const ORDER = ["point-in-time", "as-published"];

export function macroRegimeEvaluation(
  scores: readonly DailyScore[],
  runs: ReadonlyArray<{ timing: string; horizon: number; rows: WalkForwardRow[] }>,
  calibrations: ReadonlyArray<{ timing: string; horizon: number; calibration: CalibrationReport }>,
  closes: Closes,
  options: StudyOptions,
): EvaluationMetrics {
  const studies = [...scores]
    .sort((a, b) => ORDER.indexOf(a.timing) - ORDER.indexOf(b.timing))
    .map((series) => {
      const mine = runs.filter((r) => r.timing === series.timing);
      if (mine.length === 0) {
        throw new Error(`macro-regime study: no walk-forward ran on the ${series.timing} score`);
      }
      const tracked = calibrations.filter((c) => c.timing === series.timing);
      return timingStudy(series, mine, tracked, closes, options);
    });
  return {
    schema: EVALUATION_SCHEMA,
    frequency: "daily",
    horizon: Math.max(...runs.map((r) => r.horizon)),
    periodsPerYear: 252,
    settings: DEFAULT_SETTINGS,
    folds: [],
    models: [],
    warnings: [],
    series: [],
    macroRegime: { studies, source: SOURCE_HEADLINE },
  };
}
