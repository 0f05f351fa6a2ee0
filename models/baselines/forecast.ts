/** Small helpers every baseline uses to fill a {@link Forecast} and report a fit. */
import type { FitReport, Fold, Forecast, SplitName } from "../contract.ts";

/** A forecast for every origin of `split`, with `pointAt(origin, step)` giving each value. */
export function pointForecast(
  fold: Fold,
  split: SplitName,
  pointAt: (origin: number, step: number) => number,
): Forecast {
  const origins = fold.splits[split];
  const horizon = fold.horizon;
  const point = new Float32Array(origins.length * horizon);
  origins.forEach((origin, i) => {
    for (let h = 0; h < horizon; h++) point[i * horizon + h] = pointAt(origin, h + 1);
  });
  return { split, origins, horizon, point };
}

/** A fit report for models that do not train by epochs. */
export function summaryReport(summary: FitReport["summary"]): FitReport {
  return { history: [], selectedEpoch: null, summary };
}

/** Throws a clear error when `predict`/`explain` runs before `fit`. */
export function requireFitted<T>(state: T | null, model: string): T {
  if (state === null) throw new Error(`${model}: call fit(fold) before predict or explain`);
  return state;
}
