/**
 * Expanding walk-forward over a daily score: origins every `step` calendar days from
 * `start` to the last origin whose target (origin + horizon days) is on or before `end`.
 * Every forecast at an origin reads the score, fair value and past forecasts up to the
 * origin only (the prefix of the series), so any look-ahead comes from the series itself —
 * which is what the as-published / point-in-time comparison measures.
 *
 * Models: reversion, momentum, transition (scored, excluded from the ensemble), the 70/30
 * ensemble, the equal-weight three-model ensemble (the source's "Option 1"), a 2-model
 * ensemble whose reversion weight is learned on the forecasts already resolved at the
 * origin, and two naive baselines without intervals: no change, and the last 30-day linear
 * trend carried `horizon` days.
 */
import { isoDay } from "../../data/dates.ts";
import type { DailyScore } from "./daily_score.ts";
import {
  ensembleForecast,
  momentumForecast,
  reversionForecast,
  type ScoreForecast,
} from "./forecasters.ts";
import { learnedWeight } from "./learned_weight.ts";
import { fitTransitions, transitionForecast } from "./transition.ts";

export const WALK_FORWARD_MODELS = [
  "ensemble",
  "reversion",
  "momentum",
  "transition",
  "equal-weight",
  "learned-weight",
  "no-change",
  "last-trend",
] as const;
export type WalkForwardModel = (typeof WALK_FORWARD_MODELS)[number];

export interface PointForecast {
  mean: number;
  /** Null for the naive baselines, which have no interval. */
  lower: number | null;
  upper: number | null;
}

export interface WalkForwardRow {
  origin: string;
  target: string;
  horizon: number;
  /** The score at the origin and at the target. */
  current: number;
  actual: number;
  forecasts: Record<WalkForwardModel, PointForecast>;
  /** The learned reversion weight used at this origin. */
  learnedWeight: number;
}

export interface WalkForwardOptions {
  start: string;
  end: string;
  horizon: number;
  step: number;
  /** Days of known score before the first origin (momentum needs 30). */
  minHistory: number;
  ensembleWeight: number;
}

export const WALK_FORWARD_DEFAULTS = { minHistory: 365, ensembleWeight: 0.7 };

const last = (f: ScoreForecast) => f.mean.length - 1;

function interval(f: ScoreForecast, z = 1.96): PointForecast {
  const i = last(f);
  return { mean: f.mean[i], lower: f.mean[i] - z * f.std[i], upper: f.mean[i] + z * f.std[i] };
}

function lastTrend(history: Float64Array, horizon: number, days = 30): number {
  const recent = history.subarray(history.length - days);
  const xMean = (days - 1) / 2;
  const yMean = recent.reduce((a, b) => a + b, 0) / days;
  let sxy = 0, sxx = 0;
  recent.forEach((y, x) => (sxy += (x - xMean) * (y - yMean), sxx += (x - xMean) ** 2));
  return recent[days - 1] + (sxy / sxx) * horizon;
}

/** The first day index from which the score and fair value are known without a gap. */
function firstKnown(series: DailyScore): number {
  let first = 0;
  series.score.forEach((s, i) => {
    if (Number.isNaN(s) || Number.isNaN(series.fairValue[i])) first = i + 1;
  });
  return first;
}

/** One origin's member forecasts at the horizon, before any ensemble. */
export interface MemberRow {
  origin: string;
  target: string;
  horizon: number;
  current: number;
  actual: number;
  /** Mean and standard deviation at the horizon of each member model. */
  members: Record<"reversion" | "momentum" | "transition", { mean: number; std: number }>;
  /** The naive baselines' point forecasts. */
  naive: Record<"no-change" | "last-trend", number>;
}

/** The member models at every origin (the walk-forward node's output). */
export function memberForecasts(
  series: DailyScore,
  options: Omit<WalkForwardOptions, "ensembleWeight">,
): MemberRow[] {
  const { horizon, step } = options;
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`step must be ≥ 1 day: ${step}`);
  const day0 = isoDay(series.days[0]);
  const known = firstKnown(series);
  let o = Math.max(isoDay(options.start) - day0, known + options.minHistory - 1);
  const lastOrigin = Math.min(isoDay(options.end) - day0, series.days.length - 1) - horizon;
  if (o > lastOrigin) {
    throw new RangeError(
      `walk-forward ${series.timing} h=${horizon}: no origin between ${options.start} and ` +
        `${options.end} with ${options.minHistory} days of known score before it (the score ` +
        `is known from ${series.days[known] ?? "never"})`,
    );
  }
  const atHorizon = (f: ScoreForecast) => ({ mean: f.mean[last(f)], std: f.std[last(f)] });
  const rows: MemberRow[] = [];
  for (; o <= lastOrigin; o += step) {
    const history = series.score.subarray(known, o + 1);
    const current = series.score[o];
    rows.push({
      origin: series.days[o],
      target: series.days[o + horizon],
      horizon,
      current,
      actual: series.score[o + horizon],
      members: {
        reversion: atHorizon(reversionForecast(current, series.fairValue[o], horizon)),
        momentum: atHorizon(momentumForecast(history, horizon)),
        transition: atHorizon(transitionForecast(fitTransitions(history), current, horizon)),
      },
      naive: { "no-change": current, "last-trend": lastTrend(history, horizon) },
    });
  }
  return rows;
}

/**
 * The ensembles over the member forecasts (the ensemble node's work): 70/30 (or
 * `ensembleWeight`), equal weights over the three members, and the weight learned on the
 * forecasts already resolved at each origin; every model as mean and 95% interval.
 */
export function ensembleRows(
  members: readonly MemberRow[],
  ensembleWeight: number,
): WalkForwardRow[] {
  const rows: WalkForwardRow[] = [];
  for (const m of members) {
    const one = (f: { mean: number; std: number }): ScoreForecast => ({
      mean: [f.mean],
      std: [f.std],
    });
    const [reversion, momentum, transition] = [
      m.members.reversion,
      m.members.momentum,
      m.members.transition,
    ].map(one);
    const resolved = rows.filter((r) => r.target <= m.origin);
    const w = learnedWeight(resolved, ensembleWeight);
    const two = (weight: number) =>
      interval(ensembleForecast([
        { forecast: reversion, weight },
        { forecast: momentum, weight: 1 - weight },
      ]));
    rows.push({
      origin: m.origin,
      target: m.target,
      horizon: m.horizon,
      current: m.current,
      actual: m.actual,
      learnedWeight: w,
      forecasts: {
        "ensemble": two(ensembleWeight),
        "reversion": interval(reversion),
        "momentum": interval(momentum),
        "transition": interval(transition),
        "equal-weight": interval(ensembleForecast([
          { forecast: reversion, weight: 1 / 3 },
          { forecast: momentum, weight: 1 / 3 },
          { forecast: transition, weight: 1 / 3 },
        ])),
        "learned-weight": two(w),
        "no-change": { mean: m.naive["no-change"], lower: null, upper: null },
        "last-trend": { mean: m.naive["last-trend"], lower: null, upper: null },
      },
    });
  }
  return rows;
}

/** Member forecasts and ensembles in one call. */
export function walkForward(series: DailyScore, options: WalkForwardOptions): WalkForwardRow[] {
  return ensembleRows(memberForecasts(series, options), options.ensembleWeight);
}
