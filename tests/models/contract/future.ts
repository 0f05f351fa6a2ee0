/**
 * The "cannot see the future" probe of the contract suite: an origin every fitted row lies
 * at or before, and a copy of the fold whose rows after that origin are changed (targets,
 * past features and statics after it; known-future features only after its horizon, since
 * those are known at the origin by definition).
 */
import type { Fold, Forecast } from "../../../models/contract.ts";

/** The first test origin whose every fitted target row (train and validation) lies at or before it. */
export function cleanOrigin(fold: Fold): number {
  const fitted = [...fold.splits.train, ...fold.splits.validation];
  const lastFittedRow = Math.max(...fitted) + fold.horizon;
  const origin = [...fold.splits.test].sort((a, b) => a - b).find((o) => o >= lastFittedRow);
  if (origin === undefined) {
    throw new Error(`fold ${fold.id}: no test origin at or after row ${lastFittedRow}`);
  }
  if (origin + 1 >= fold.dates.length) throw new Error(`fold ${fold.id}: no row after ${origin}`);
  return origin;
}

function perturbedRows(values: Float32Array, cols: number, fromRow: number): Float32Array {
  const out = values.slice();
  for (let k = fromRow * cols; k < out.length; k++) out[k] = 3 * out[k] + 0.5 + 0.1 * (k % 7);
  return out;
}

/** A copy of `fold` with every row after `origin` changed (known rows after origin + H). */
export function futurePerturbed(fold: Fold, origin: number): Fold {
  const after = origin + 1;
  const target = fold.target.slice();
  for (let t = after; t < target.length; t++) target[t] = -2 * target[t] + 0.01 * Math.sin(t);
  return {
    ...fold,
    target,
    past: { ...fold.past, values: perturbedRows(fold.past.values, fold.past.cols, after) },
    static: { ...fold.static, values: perturbedRows(fold.static.values, fold.static.cols, after) },
    known: {
      ...fold.known,
      values: perturbedRows(fold.known.values, fold.known.cols, after + fold.horizon),
    },
  };
}

/** The point (and quantile, variance) forecasts of one origin, as plain numbers. */
export function forecastAt(forecast: Forecast, origin: number): number[][] {
  const i = forecast.origins.indexOf(origin);
  if (i < 0) throw new Error(`origin ${origin} has no forecast`);
  const h = forecast.horizon;
  const rows = [Array.from(forecast.point.subarray(i * h, (i + 1) * h))];
  if (forecast.quantiles) {
    const q = forecast.quantiles.levels.length;
    rows.push(Array.from(forecast.quantiles.values.subarray(i * h * q, (i + 1) * h * q)));
  }
  if (forecast.variance) rows.push(Array.from(forecast.variance.subarray(i * h, (i + 1) * h)));
  return rows;
}
