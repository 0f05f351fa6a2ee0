/**
 * Continuous calibration tracking: an append-only ledger of forecast–outcome pairs. A new
 * data point extends it — it resolves the forecasts whose target date it reaches and appends
 * the new forecasts — without recomputing any past entry, so the ledger's history is what
 * was known at each time. Rolling accuracy over the last `window` resolved forecasts per
 * horizon (the source used 20) and alerts when the rolling MAE rises more than `maeRise`
 * (20%) above the previous window's, or the interval coverage leaves [low, high].
 */

export interface LedgerEntry {
  /** Forecast origin and target dates (ISO). */
  origin: string;
  target: string;
  horizon: number;
  mean: number;
  lower: number;
  upper: number;
  /** The realised value once the target date is reached; null while pending. */
  actual: number | null;
}

export interface Observation {
  date: string;
  value: number;
}

/**
 * A new ledger: the old entries (pending ones resolved when `observation` is on their target
 * date or past it — the first observation at or after the target counts) plus `forecasts`.
 * Entries already resolved are returned as they were.
 */
export function extendLedger(
  ledger: readonly LedgerEntry[],
  observation: Observation,
  forecasts: readonly Omit<LedgerEntry, "actual">[] = [],
): LedgerEntry[] {
  const last = ledger.length ? ledger[ledger.length - 1].origin : "";
  for (const f of forecasts) {
    if (f.origin < last) {
      throw new Error(
        `calibration ledger is append-only: a forecast from ${f.origin} comes after one from ${last}`,
      );
    }
    if (f.origin > observation.date) {
      throw new Error(
        `forecast from ${f.origin} cannot be made with data up to ${observation.date}`,
      );
    }
  }
  const resolved = ledger.map((e) =>
    e.actual === null && e.target <= observation.date ? { ...e, actual: observation.value } : e
  );
  return [...resolved, ...forecasts.map((f) => ({ ...f, actual: null }))];
}

export interface RollingPoint {
  /** Target date of the newest forecast in the window. */
  date: string;
  mae: number;
  coverage: number;
}

export interface CalibrationAlert {
  date: string;
  horizon: number;
  reason: string;
}

export interface TrackerOptions {
  window: number;
  maeRise: number;
  coverageBand: [number, number];
}

export const TRACKER_DEFAULTS: TrackerOptions = {
  window: 20,
  maeRise: 0.2,
  coverageBand: [0.85, 0.98],
};

/** Rolling MAE and coverage over each run of `window` resolved forecasts of one horizon. */
export function rollingCalibration(
  ledger: readonly LedgerEntry[],
  horizon: number,
  window = 20,
): RollingPoint[] {
  const done = ledger.filter((e) => e.horizon === horizon && e.actual !== null);
  const points: RollingPoint[] = [];
  for (let end = window; end <= done.length; end++) {
    const slice = done.slice(end - window, end);
    const mae = slice.reduce((s, e) => s + Math.abs(e.actual! - e.mean), 0) / window;
    const covered = slice.filter((e) => e.actual! >= e.lower && e.actual! <= e.upper).length /
      window;
    points.push({ date: slice[slice.length - 1].target, mae, coverage: covered });
  }
  return points;
}

export function calibrationAlerts(
  ledger: readonly LedgerEntry[],
  horizon: number,
  options = TRACKER_DEFAULTS,
): CalibrationAlert[] {
  const points = rollingCalibration(ledger, horizon, options.window);
  const alerts: CalibrationAlert[] = [];
  const [low, high] = options.coverageBand;
  points.forEach((p, i) => {
    const previous = points[i - options.window];
    if (previous && p.mae > (1 + options.maeRise) * previous.mae) {
      const rise = Math.round((p.mae / previous.mae - 1) * 100);
      alerts.push({
        date: p.date,
        horizon,
        reason: `rolling MAE ${p.mae.toFixed(3)} is ${rise}% above the previous window's`,
      });
    }
    if (p.coverage < low || p.coverage > high) {
      alerts.push({
        date: p.date,
        horizon,
        reason: `95% interval coverage ${(100 * p.coverage).toFixed(0)}% is outside ${100 * low}–${
          100 * high
        }%`,
      });
    }
  });
  return alerts;
}
