/** Errors of point return forecasts. */
import type { Numbers } from "./stats/descriptive.ts";

export interface PointErrors {
  mae: number | null;
  rmse: number | null;
}

export function pointErrors(point: Numbers, actual: Numbers): PointErrors {
  const n = point.length;
  if (n === 0) return { mae: null, rmse: null };
  let absolute = 0;
  let squared = 0;
  for (let i = 0; i < n; i++) {
    const e = actual[i] - point[i];
    absolute += Math.abs(e);
    squared += e * e;
  }
  return { mae: absolute / n, rmse: Math.sqrt(squared / n) };
}

/** Per-row squared errors, the loss the Diebold–Mariano test compares. */
export function squaredErrors(point: Numbers, actual: Numbers): Float64Array {
  return Float64Array.from({ length: point.length }, (_, i) => (actual[i] - point[i]) ** 2);
}
