/**
 * Windows of one split with the checks every tfjs model needs first (past features and
 * targets finite: a NaN would silently poison training; named by feature, row and date),
 * the training targets' scale, and the standardised target tensor. The neural shell adds
 * the known-future and static checks for the kinds that read them (shell/inputs.ts).
 */
import * as tf from "@tensorflow/tfjs";
import type { Fold, SplitName } from "../contract.ts";
import { buildWindows, type Windows } from "../windows.ts";

/** Mean and std of the training targets; networks train on (y − mean) / std. */
export interface TargetScale {
  mean: number;
  std: number;
}

function fail(model: string, fold: Fold, split: SplitName, what: string, row: number): never {
  throw new Error(
    `${model}: fold ${fold.id} ${split}: ${what} at row ${row} (${fold.dates[row]}); ` +
      `fill or drop it in the feature stage`,
  );
}

/** Windows of `split`, refusing non-finite past features (and targets, when `withTarget`). */
export function checkedWindows(
  model: string,
  fold: Fold,
  split: SplitName,
  withTarget: boolean,
): Windows {
  const windows = buildWindows(fold, split);
  const { encoderLength: L, horizon: H } = windows;
  const F = fold.past.cols;
  for (let i = 0; i < windows.n; i++) {
    const firstRow = windows.origins[i] - L + 1;
    for (let k = 0; k < L * F; k++) {
      const value = windows.past[i * L * F + k];
      if (!Number.isFinite(value)) {
        const what = `past feature "${fold.pastNames[k % F]}" is ${value}`;
        fail(model, fold, split, what, firstRow + Math.floor(k / F));
      }
    }
    if (!withTarget) continue;
    for (let h = 0; h < H; h++) {
      const value = windows.target[i * H + h];
      if (!Number.isFinite(value)) {
        fail(model, fold, split, `the target return is ${value}`, windows.origins[i] + 1 + h);
      }
    }
  }
  return windows;
}

export function targetScaleOf(model: string, fold: Fold, windows: Windows): TargetScale {
  const values = windows.target;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const std = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
  if (!(std > 0)) {
    throw new Error(
      `${model}: fold ${fold.id}: the training targets are constant; nothing to learn`,
    );
  }
  return { mean, std };
}

/** [n, H] standardised targets. */
export function scaledTargetTensor(windows: Windows, scale: TargetScale): tf.Tensor2D {
  const scaled = windows.target.map((v) => (v - scale.mean) / scale.std);
  return tf.tensor2d(scaled, [windows.n, windows.horizon]);
}
