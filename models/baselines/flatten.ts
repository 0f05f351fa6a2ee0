/**
 * Flattens input windows into one feature row per origin for the tabular baselines (ridge,
 * random forest, gradient boosting): [lag L−1 … lag 0] × past features, then the static
 * covariates. Flattening loses temporal structure: the models see `lag3:rsi14` and
 * `lag2:rsi14` as unrelated columns, with no notion of order, recency or shared dynamics
 * across lags. Reports say so next to these models' results.
 */
import type { Fold, SplitName } from "../contract.ts";
import { buildWindows } from "../windows.ts";

export interface FlatInputs {
  rows: number;
  cols: number;
  /** Row-major [rows, cols]. */
  values: Float64Array;
  /** Input name per column: `lag{k}:{past name}` or `static:{name}`. */
  names: string[];
  /** Realised returns of rows o+1..o+H, [rows, horizon]. */
  targets: Float64Array;
  horizon: number;
  origins: Int32Array;
}

export interface FlattenOptions {
  /** Use only the last `lags` encoder rows (lag 0 = the origin row); null for all. */
  lags: number | null;
  includeStatic: boolean;
  /** Model kind, for error messages. */
  model: string;
}

/** Input names of the flattened row, in column order. */
export function flatNames(fold: Fold, options: FlattenOptions): string[] {
  const lags = usedLags(fold, options);
  const names: string[] = [];
  for (let lag = lags - 1; lag >= 0; lag--) {
    for (const name of fold.pastNames) names.push(`lag${lag}:${name}`);
  }
  if (options.includeStatic) { for (const name of fold.staticNames) names.push(`static:${name}`); }
  return names;
}

/** Flattened inputs of every origin of the given splits, in split order. */
export function flattenWindows(
  fold: Fold,
  splits: SplitName[],
  options: FlattenOptions,
): FlatInputs {
  const names = flatNames(fold, options);
  if (names.length === 0) {
    throw new Error(`${options.model}: fold ${fold.id} has no past or static features to flatten`);
  }
  const lags = usedLags(fold, options);
  const windows = splits.map((split) => buildWindows(fold, split));
  const rows = windows.reduce((sum, w) => sum + w.n, 0);
  const cols = names.length;
  const pastCols = fold.past.cols;
  const staticCols = options.includeStatic ? fold.static.cols : 0;
  const values = new Float64Array(rows * cols);
  const targets = new Float64Array(rows * fold.horizon);
  const origins = new Int32Array(rows);
  let row = 0;
  windows.forEach((w, s) => {
    const skip = (fold.encoderLength - lags) * pastCols;
    for (let i = 0; i < w.n; i++, row++) {
      const past = w.past.subarray(
        i * fold.encoderLength * pastCols + skip,
        (i + 1) * fold.encoderLength * pastCols,
      );
      values.set(past, row * cols);
      values.set(
        w.static.subarray(i * fold.static.cols, i * fold.static.cols + staticCols),
        row * cols + past.length,
      );
      targets.set(w.target.subarray(i * fold.horizon, (i + 1) * fold.horizon), row * fold.horizon);
      origins[row] = w.origins[i];
      for (let j = 0; j < cols; j++) {
        if (!Number.isFinite(values[row * cols + j])) {
          const origin = w.origins[i];
          throw new Error(
            `${options.model}: fold ${fold.id} ${splits[s]} origin row ${origin} (${
              fold.dates[origin]
            }): ` +
              `input ${names[j]} is ${
                values[row * cols + j]
              }; the feature stage must fill or drop it`,
          );
        }
      }
    }
  });
  return { rows, cols, values, names, targets, horizon: fold.horizon, origins };
}

function usedLags(fold: Fold, options: FlattenOptions): number {
  if (options.lags === null) return fold.encoderLength;
  if (options.lags > fold.encoderLength) {
    throw new Error(
      `${options.model} config.lags: ${options.lags} exceeds fold ${fold.id}'s encoder length ` +
        `${fold.encoderLength}; lower lags (null uses the whole window) or raise the split's ` +
        `encoderLength`,
    );
  }
  return options.lags;
}

/** Refuses missing training targets, naming the origin. */
export function assertFiniteTargets(fold: Fold, inputs: FlatInputs, model: string): void {
  for (let k = 0; k < inputs.targets.length; k++) {
    if (!Number.isFinite(inputs.targets[k])) {
      const origin = inputs.origins[Math.floor(k / inputs.horizon)];
      const row = origin + 1 + (k % inputs.horizon);
      throw new Error(
        `${model}: fold ${fold.id} target row ${row} (${fold.dates[row]}) of origin ${origin} is ` +
          `${inputs.targets[k]}; training targets must all hold returns`,
      );
    }
  }
}
