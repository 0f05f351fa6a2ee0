/**
 * Rolling shares over a model's pooled test rows in date order: directional accuracy and
 * always-long's (the share of up moves) over the last `window` rows, for the report's chart
 * of accuracy over time. Rows before the window first fills have none.
 */
import { directionHits, upMoves } from "./direction.ts";
import type { Numbers } from "./stats/descriptive.ts";

/** Mean of the last `window` values at each row; null until `window` rows are in. */
export function rollingMean(values: ArrayLike<number>, window: number): Array<number | null> {
  if (!Number.isInteger(window) || window < 1) {
    throw new Error(`rolling window must be a positive whole number of rows, not ${window}`);
  }
  const out: Array<number | null> = [];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= window) sum -= values[i - window];
    out.push(i + 1 >= window ? sum / window : null);
  }
  return out;
}

export interface RollingAccuracy {
  /** Share of correct direction calls over the window ending at each row. */
  da: Array<number | null>;
  /** Always-long's accuracy over the same window: the share of up moves. */
  baseRate: Array<number | null>;
}

export function rollingAccuracy(
  rows: { point: Numbers; actual: Numbers },
  window: number,
): RollingAccuracy {
  return {
    da: rollingMean(directionHits(rows.point, rows.actual), window),
    baseRate: rollingMean(upMoves(rows.actual), window),
  };
}
