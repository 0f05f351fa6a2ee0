/**
 * The walk-forward's ensemble forecasts replayed through the calibration tracker
 * (evaluation/calibration_tracker.ts) day by day, as a live system would have run it: each
 * day's score resolves the forecasts whose target it reaches and appends that day's new
 * forecasts, without recomputing past entries. Then rolling 20-forecast MAE and coverage
 * and the alerts, per horizon.
 */
import {
  type CalibrationAlert,
  calibrationAlerts,
  extendLedger,
  type LedgerEntry,
  rollingCalibration,
  type RollingPoint,
  TRACKER_DEFAULTS,
} from "../calibration_tracker.ts";
import type { WalkForwardModel, WalkForwardRow } from "../../models/macro_regime/walk_forward.ts";

export interface CalibrationReport {
  ledger: LedgerEntry[];
  rolling: Record<number, RollingPoint[]>;
  alerts: CalibrationAlert[];
}

export function replayLedger(
  days: readonly string[],
  score: ArrayLike<number>,
  rows: readonly WalkForwardRow[],
  model: WalkForwardModel = "ensemble",
): CalibrationReport {
  const byOrigin = new Map<string, WalkForwardRow[]>();
  for (const r of rows) byOrigin.set(r.origin, [...(byOrigin.get(r.origin) ?? []), r]);
  const targets = new Set(rows.map((r) => r.target));
  let ledger: LedgerEntry[] = [];
  days.forEach((date, i) => {
    const starting = byOrigin.get(date) ?? [];
    if (starting.length === 0 && !targets.has(date)) return;
    const forecasts = starting.map((r) => {
      const f = r.forecasts[model];
      if (f.lower === null || f.upper === null) {
        throw new Error(`calibration ledger: model ${model} has no interval to track`);
      }
      const { origin, target, horizon } = r;
      return { origin, target, horizon, mean: f.mean, lower: f.lower, upper: f.upper };
    });
    ledger = extendLedger(ledger, { date, value: score[i] }, forecasts);
  });
  const horizons = [...new Set(rows.map((r) => r.horizon))].sort((a, b) => a - b);
  return {
    ledger,
    rolling: Object.fromEntries(
      horizons.map((h) => [h, rollingCalibration(ledger, h, TRACKER_DEFAULTS.window)]),
    ),
    alerts: horizons.flatMap((h) => calibrationAlerts(ledger, h)),
  };
}
