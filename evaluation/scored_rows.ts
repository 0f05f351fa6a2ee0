/**
 * The rows evaluation scores, cut out of a forecast for one step ahead: origin dates,
 * regimes, realised and predicted returns (and quantiles). Validates the shapes the model
 * contract promises, so a malformed train output fails here with the node named.
 */
import type { Forecast, ScoredRows } from "../models/contract.ts";

export interface StepRows {
  /** Date of the first target row of each origin (the timestamp being forecast at step 1). */
  dates: string[];
  regime: string[];
  actual: Float64Array;
  point: Float64Array;
  /** Quantile forecasts per level, ascending levels. */
  quantiles: { levels: number[]; values: Float64Array[] } | null;
}

/** Throws a clear error when the forecast's arrays disagree with its declared shape. */
export function validateForecast(forecast: Forecast & ScoredRows, where: string): void {
  const n = forecast.origins.length;
  const H = forecast.horizon;
  const expect = (what: string, got: number, wanted: number) => {
    if (got !== wanted) {
      throw new Error(
        `${where}: ${what} has ${got} values but ${n} origins × horizon ${H} need ${wanted}; ` +
          `the train task must copy the scored rows with the forecast`,
      );
    }
  };
  expect("point", forecast.point.length, n * H);
  expect("actual", forecast.actual.length, n * H);
  expect("dates", forecast.dates.length, n);
  expect("regime", forecast.regime.length, n);
  for (let i = 0; i < n * H; i++) {
    const row = Math.floor(i / H);
    if (!Number.isFinite(forecast.actual[i])) {
      throw new Error(
        `${where}: realised return is ${forecast.actual[i]} on row ${row} (${forecast.dates[row]})`,
      );
    }
    if (!Number.isFinite(forecast.point[i])) {
      throw new Error(
        `${where}: point forecast is ${forecast.point[i]} on row ${row} (${
          forecast.dates[row]
        }), ` +
          `step ${(i % H) + 1}; a model must not emit NaN or infinite forecasts`,
      );
    }
  }
  for (let i = 1; i < n; i++) {
    if (!(forecast.dates[i] > forecast.dates[i - 1])) {
      throw new Error(
        `${where}: dates must increase, but row ${i} (${forecast.dates[i]}) follows ${
          forecast.dates[i - 1]
        }`,
      );
    }
  }
  const q = forecast.quantiles;
  if (q) {
    for (let k = 0; k < q.levels.length; k++) {
      const level = q.levels[k];
      if (!(level > 0 && level < 1) || (k > 0 && !(level > q.levels[k - 1]))) {
        throw new Error(
          `${where}: quantile levels must increase within (0, 1): ${q.levels.join(", ")}`,
        );
      }
    }
    expect("quantiles", q.values.length, n * H * q.levels.length);
  }
}

/** Rows of step `step` (1-based) of a validated forecast. */
export function stepRows(forecast: Forecast & ScoredRows, step: number): StepRows {
  const n = forecast.origins.length;
  const H = forecast.horizon;
  if (step < 1 || step > H) throw new RangeError(`step ${step} is outside 1..${H}`);
  const actual = new Float64Array(n);
  const point = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    actual[i] = forecast.actual[i * H + step - 1];
    point[i] = forecast.point[i * H + step - 1];
  }
  let quantiles: StepRows["quantiles"] = null;
  if (forecast.quantiles) {
    const { levels, values } = forecast.quantiles;
    const L = levels.length;
    quantiles = {
      levels: [...levels],
      values: levels.map((_, k) => {
        const column = new Float64Array(n);
        for (let i = 0; i < n; i++) column[i] = values[(i * H + step - 1) * L + k];
        return column;
      }),
    };
  }
  return { dates: [...forecast.dates], regime: [...forecast.regime], actual, point, quantiles };
}

/** Rows of several parts end to end (e.g. folds in time order). */
export function concatRows(parts: StepRows[]): StepRows {
  const n = parts.reduce((sum, p) => sum + p.dates.length, 0);
  const actual = new Float64Array(n);
  const point = new Float64Array(n);
  const levels = parts[0]?.quantiles?.levels ?? null;
  const sameLevels = levels !== null &&
    parts.every((p) => p.quantiles && p.quantiles.levels.join() === levels.join());
  const values = sameLevels ? levels.map(() => new Float64Array(n)) : null;
  let offset = 0;
  for (const part of parts) {
    actual.set(part.actual, offset);
    point.set(part.point, offset);
    if (values) part.quantiles!.values.forEach((column, k) => values[k].set(column, offset));
    offset += part.dates.length;
  }
  return {
    dates: parts.flatMap((p) => p.dates),
    regime: parts.flatMap((p) => p.regime),
    actual,
    point,
    quantiles: values ? { levels: levels!, values } : null,
  };
}

/** The subset of rows at the given indices, in that order. */
export function selectRows(rows: StepRows, indices: ArrayLike<number>): StepRows {
  const pick = (column: Float64Array) => Float64Array.from(indices, (i) => column[i]);
  return {
    dates: Array.from(indices, (i) => rows.dates[i]),
    regime: Array.from(indices, (i) => rows.regime[i]),
    actual: pick(rows.actual),
    point: pick(rows.point),
    quantiles: rows.quantiles
      ? { levels: rows.quantiles.levels, values: rows.quantiles.values.map(pick) }
      : null,
  };
}
