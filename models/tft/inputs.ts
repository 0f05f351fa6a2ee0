/**
 * A fold's windows as the TFT's input tensors, refusing non-finite values with the
 * feature, row and date named (a NaN would silently poison training).
 */
import * as tf from "@tensorflow/tfjs";
import type { Fold, SplitName } from "../contract.ts";
import { checkedWindows } from "../tf/window_data.ts";
import type { Windows } from "../windows.ts";
import { tftKind } from "./config.ts";

export const TFT_KIND = tftKind.kind;

interface InputGroup {
  /** "known-future" or "static", for the message. */
  group: string;
  values: Float32Array;
  names: string[];
  /** Fold row of the `index`-th row of `values`. */
  rowOf: (index: number) => number;
}

function requireFinite(fold: Fold, split: SplitName, input: InputGroup): void {
  const { values, names, rowOf } = input;
  const cols = names.length;
  for (let k = 0; k < values.length; k++) {
    if (Number.isFinite(values[k])) continue;
    const row = rowOf(Math.floor(k / cols));
    const feature = `${input.group} feature "${names[k % cols]}"`;
    throw new Error(
      `${TFT_KIND}: fold ${fold.id} ${split}: ${feature} is ${values[k]} ` +
        `at row ${row} (${fold.dates[row]}); fill or drop it in the feature stage`,
    );
  }
}

/** Windows of `split` with past, known and static inputs (and targets if asked) checked. */
export function tftWindows(fold: Fold, split: SplitName, withTarget: boolean): Windows {
  const windows = checkedWindows(TFT_KIND, fold, split, withTarget);
  const { encoderLength: L, horizon: H } = windows;
  const span = L + H;
  requireFinite(fold, split, {
    group: "known-future",
    values: windows.known,
    names: fold.knownNames,
    rowOf: (r) => windows.origins[Math.floor(r / span)] - L + 1 + (r % span),
  });
  requireFinite(fold, split, {
    group: "static",
    values: windows.static,
    names: fold.staticNames,
    rowOf: (r) => windows.origins[r],
  });
  return windows;
}

/** [static [n, S], past [n, L, P], known [n, L + H, F]] */
export function tftInputs(fold: Fold, windows: Windows): tf.Tensor[] {
  const { n, encoderLength: L, horizon: H } = windows;
  return [
    tf.tensor2d(windows.static, [n, fold.static.cols]),
    tf.tensor3d(windows.past, [n, L, fold.past.cols]),
    tf.tensor3d(windows.known, [n, L + H, fold.known.cols]),
  ];
}
