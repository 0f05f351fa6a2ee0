/**
 * Every per-group number of the report for one set of rows (a fold, the pooled test
 * years, a calendar year, a regime, a forecast step): direction against always-long with
 * paired bootstrap intervals, point errors, quantile scores, spread and the
 * Pesaran–Timmermann test.
 */
import { directionHits, type DirectionScore, directionScore, upMoves } from "./direction.ts";
import { type PointErrors, pointErrors } from "./point_errors.ts";
import { type IntervalScore, quantileScores } from "./quantile_scores.ts";
import type { StepRows } from "./scored_rows.ts";
import type { EvaluationSettings } from "./settings.ts";
import { type Spread, spreadOf } from "./spread.ts";
import { blockBootstrap, type BootstrapInterval, defaultBlockLength } from "./stats/bootstrap.ts";
import { type PesaranTimmermann, pesaranTimmermann } from "./stats/pesaran_timmermann.ts";

export interface GroupScore extends DirectionScore, PointErrors, Spread {
  group: string;
  /** Bootstrap interval of the directional accuracy. */
  daCi: BootstrapInterval | null;
  /** Bootstrap interval of always-long's accuracy (the base rate) on the same resamples. */
  baseRateCi: BootstrapInterval | null;
  /** Paired bootstrap interval of da − baseRate. */
  excessCi: BootstrapInterval | null;
  pinball: number | null;
  intervals: IntervalScore[];
  pesaranTimmermann: PesaranTimmermann;
  /** Worse than a coin flip, or significantly below always-long: the report highlights it. */
  standsOut: boolean;
}

export interface GroupScoreOptions {
  group: string;
  rows: StepRows;
  /** Row indices per stratum for the bootstrap (e.g. per fold); all rows in one by default. */
  strata?: number[][];
  /** Forecast step (1-based); sets the minimum bootstrap block length. */
  step: number;
  settings: EvaluationSettings;
  /**
   * Names this group's bootstrap stream, e.g. "fold/2016". Models scored on the same rows
   * with the same key draw the same resamples (common random numbers).
   */
  seedKey: string;
}

export function scoreGroup(options: GroupScoreOptions): GroupScore {
  const { group, rows, step, settings } = options;
  const n = rows.actual.length;
  const hits = directionHits(rows.point, rows.actual);
  const up = upMoves(rows.actual);
  const strata = options.strata ?? [Array.from({ length: n }, (_, i) => i)];
  const largest = Math.max(0, ...strata.map((s) => s.length));
  const [daCi, baseRateCi, excessCi] = blockBootstrap({
    strata,
    reps: settings.bootstrapReps,
    level: settings.ciLevel,
    blockLength: settings.blockLength ?? defaultBlockLength(largest, step),
    seed: `${settings.seed}/${options.seedKey}`,
    statistics: (drawn) => {
      const score = directionScore(hits, up, drawn);
      return [score.da ?? NaN, score.baseRate ?? NaN, score.excess ?? NaN];
    },
  });
  const direction = directionScore(hits, up);
  const quantiles = rows.quantiles ? quantileScores(rows.quantiles, rows.actual) : null;
  return {
    group,
    ...direction,
    daCi,
    baseRateCi,
    excessCi,
    ...pointErrors(rows.point, rows.actual),
    ...spreadOf(rows.point, rows.actual),
    pinball: quantiles?.pinball ?? null,
    intervals: quantiles?.intervals ?? [],
    pesaranTimmermann: pesaranTimmermann(rows.point, rows.actual),
    standsOut: (direction.da !== null && direction.da < 0.5) ||
      (excessCi !== null && excessCi.high < 0),
  };
}
