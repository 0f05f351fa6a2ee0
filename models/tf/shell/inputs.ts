/**
 * A fold as a network's inputs: the windows of a split with every group the network reads
 * checked finite (a NaN would silently poison training; the error names the group,
 * feature, row and date), the input tensors of those groups, and the shape and variable
 * names a trained network is tied to.
 */
import * as tf from "@tensorflow/tfjs";
import type { Fold, SplitName } from "../../contract.ts";
import type { Windows } from "../../windows.ts";
import { checkedWindows } from "../window_data.ts";
import { INPUT_GROUPS, type InputGroup, type NeuralShape } from "./kind.ts";

/** Variable names of the groups a network reads, e.g. `{ pastNames: [...] }`. */
export type Layout = Partial<Record<`${InputGroup}Names`, string[]>>;

function requireFinite(
  kind: string,
  fold: Fold,
  split: SplitName,
  input: { group: string; values: Float32Array; names: string[]; rowOf(i: number): number },
): void {
  const { values, names, rowOf } = input;
  const cols = names.length;
  for (let k = 0; k < values.length; k++) {
    if (Number.isFinite(values[k])) continue;
    const row = rowOf(Math.floor(k / cols));
    const feature = `${input.group} feature "${names[k % cols]}"`;
    throw new Error(
      `${kind}: fold ${fold.id} ${split}: ${feature} is ${values[k]} ` +
        `at row ${row} (${fold.dates[row]}); fill or drop it in the feature stage`,
    );
  }
}

/** Windows of `split` with the past (always), known and static groups read checked. */
export function neuralWindows(
  kind: string,
  reads: readonly InputGroup[],
  fold: Fold,
  split: SplitName,
  withTarget: boolean,
): Windows {
  const windows = checkedWindows(kind, fold, split, withTarget);
  const { encoderLength: L, horizon: H } = windows;
  const span = L + H;
  if (reads.includes("known")) {
    requireFinite(kind, fold, split, {
      group: "known-future",
      values: windows.known,
      names: fold.knownNames,
      rowOf: (r) => windows.origins[Math.floor(r / span)] - L + 1 + (r % span),
    });
  }
  if (reads.includes("static")) {
    requireFinite(kind, fold, split, {
      group: "static",
      values: windows.static,
      names: fold.staticNames,
      rowOf: (r) => windows.origins[r],
    });
  }
  return windows;
}

/** Tensors of the groups read: static [n, S], past [n, L, P], known [n, L + H, F]. */
export function inputTensors(
  reads: readonly InputGroup[],
  fold: Fold,
  windows: Windows,
): tf.Tensor[] {
  const { n, encoderLength: L, horizon: H } = windows;
  return reads.map((group) => {
    switch (group) {
      case "static":
        return tf.tensor2d(windows.static, [n, fold.static.cols]);
      case "past":
        return tf.tensor3d(windows.past, [n, L, fold.past.cols]);
      case "known":
        return tf.tensor3d(windows.known, [n, L + H, fold.known.cols]);
    }
  });
}

/** Symbolic inputs of a network reading `reads` on `shape`, named after their groups. */
export function symbolicInputs(
  reads: readonly InputGroup[],
  shape: NeuralShape,
): tf.SymbolicTensor[] {
  const { staticSize: s, pastSize: p, knownSize: f, encoderLength: l, horizon: h } = shape;
  const shapes = { static: [s], past: [l, p], known: [l + h, f] };
  return reads.map((group) => tf.input({ shape: shapes[group], name: group }));
}

export function shapeOf(fold: Fold): NeuralShape {
  return {
    staticSize: fold.static.cols,
    pastSize: fold.past.cols,
    knownSize: fold.known.cols,
    encoderLength: fold.encoderLength,
    horizon: fold.horizon,
  };
}

export function layoutOf(reads: readonly InputGroup[], fold: Fold): Layout {
  const layout: Layout = {};
  for (const group of INPUT_GROUPS) {
    if (reads.includes(group)) layout[`${group}Names`] = [...fold[`${group}Names`]];
  }
  return layout;
}

/** Encoder length and horizon of a built or reloaded model, read off its inputs and output. */
export function stepsOf(model: tf.LayersModel): { encoderLength: number; horizon: number } {
  const horizon = model.outputs[0].shape[1] as number;
  const input = (name: string) => model.inputs.find((x) => x.name.startsWith(name));
  const past = input("past");
  const known = input("known");
  const encoderLength = past
    ? past.shape[1] as number
    : (known?.shape[1] as number | undefined ?? horizon) - horizon;
  return { encoderLength, horizon };
}
