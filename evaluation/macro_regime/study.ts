/**
 * One timing's study (as published or point in time): per horizon the walk-forward's
 * metrics for every model, by regime band and era, the calibration node's rolling
 * accuracy and alerts, and the market test; plus the recent score and the latest cone for
 * the dashboard. Plain data, so an evaluate node can store it.
 */
import type { CalibrationAlert, RollingPoint } from "../calibration_tracker.ts";
import type { DailyScore, Timing } from "../../models/macro_regime/daily_score.ts";
import {
  WALK_FORWARD_MODELS,
  type WalkForwardModel,
  type WalkForwardRow,
} from "../../models/macro_regime/walk_forward.ts";
import { type ForecastCone, latestCone } from "./cone.ts";
import type { CalibrationReport } from "./ledger.ts";
import { type Closes, MARKET_DEFAULTS, type MarketTest, marketTest } from "./market.ts";
import { type GroupMetrics, metricsBy, type ScoreMetrics, scoreMetrics } from "./metrics.ts";

export interface HorizonStudy {
  horizon: number;
  windows: number;
  firstOrigin: string;
  lastTarget: string;
  models: Record<WalkForwardModel, ScoreMetrics>;
  byBand: Array<{ model: WalkForwardModel; groups: GroupMetrics[] }>;
  byEra: Array<{ model: WalkForwardModel; groups: GroupMetrics[] }>;
  rolling: RollingPoint[];
  alertCount: number;
  /** The latest alerts (at most 20). */
  alerts: CalibrationAlert[];
  market: MarketTest;
  learnedWeightMean: number;
}

export interface TimingStudy {
  timing: Timing;
  rulesVersion: string;
  interpolated: number;
  horizons: HorizonStudy[];
  recent: { days: string[]; score: number[]; fairValue: number[] };
  cone: ForecastCone;
}

export interface StudyOptions {
  flatBand: number;
  recentDays: number;
  ensembleWeight: number;
  market: typeof MARKET_DEFAULTS;
}

/** Models shown by band and era: the source's winner, the ensemble, the naive baseline. */
const BREAKDOWN_MODELS: WalkForwardModel[] = ["ensemble", "reversion", "no-change"];

export function timingStudy(
  series: DailyScore,
  runs: ReadonlyArray<{ horizon: number; rows: WalkForwardRow[] }>,
  calibrations: ReadonlyArray<{ horizon: number; calibration: CalibrationReport }>,
  closes: Closes,
  options: StudyOptions,
): TimingStudy {
  const horizons = [...runs].sort((a, b) => a.horizon - b.horizon).map(({ horizon, rows }) => {
    const calibration = calibrations.find((c) => c.horizon === horizon)?.calibration;
    if (!calibration) {
      throw new Error(
        `macro-regime study: no calibration node tracked the ${series.timing} forecasts at ` +
          `h=${horizon}; wire the calibration node's gathered output into the study`,
      );
    }
    const models = Object.fromEntries(
      WALK_FORWARD_MODELS.map((m) => [m, scoreMetrics(rows, m, options.flatBand)!]),
    ) as Record<WalkForwardModel, ScoreMetrics>;
    const by = (key: "band" | "era") =>
      BREAKDOWN_MODELS.map((model) => ({
        model,
        groups: metricsBy(rows, model, key, options.flatBand),
      }));
    return {
      horizon,
      windows: rows.length,
      firstOrigin: rows[0].origin,
      lastTarget: rows[rows.length - 1].target,
      models,
      byBand: by("band"),
      byEra: by("era"),
      rolling: calibration.rolling[horizon] ?? [],
      alertCount: calibration.alerts.length,
      alerts: calibration.alerts.slice(-20),
      market: marketTest(rows, closes, options.market),
      learnedWeightMean: rows.reduce((s, r) => s + r.learnedWeight, 0) / rows.length,
    };
  });
  const from = Math.max(0, series.days.length - options.recentDays);
  return {
    timing: series.timing,
    rulesVersion: series.rulesVersion,
    interpolated: series.interpolated,
    horizons,
    recent: {
      days: series.days.slice(from),
      score: Array.from(series.score.subarray(from)),
      fairValue: Array.from(series.fairValue.subarray(from)),
    },
    cone: latestCone(series, 30, options.ensembleWeight),
  };
}
