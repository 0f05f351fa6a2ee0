/**
 * The guide's windows and split. Window i reads frame rows i … i + L − 1; its target is the
 * close-to-close return it is scored on and its decision row the close at which the backtest
 * trades on it: with `targetWindow: "next-day"` the return from the window's last row to the
 * next (decided at that last row), with the guide's `"skip-day"` the return from row i + L to
 * i + L + 1 (decided at row i + L, so one day of data goes unused).
 *
 * Split: `"fraction"` puts the first `trainFraction` of the windows in training (the guide's
 * `int(n · 0.8)`), `"dates"` the windows decided before `testStart`, keeping only those whose
 * target ends by the first test decision. Checkpoint windows: the test windows themselves
 * (`stopOn: "test"`, the guide) or the latest `validationFraction` of the training windows.
 * The scaler (mean and population std per column, as sklearn's StandardScaler) is fitted on
 * every frame row (the guide) or on the rows the training windows read.
 */
import type { GuideFrame } from "./features.ts";
import type { GuideProtocol } from "./protocol.ts";

export interface GuideWindows {
  /** First frame row of each window, per role, in time order. */
  fit: number[];
  checkpoint: number[];
  test: number[];
  /** Decision row and target of window i: target[i] = close[decision + 1] / close[decision] − 1. */
  decision: (start: number) => number;
  /** The frame's values scaled with the chosen scaler (row-major, like `frame.values`). */
  scaled: Float32Array;
  scalerRows: number;
}

export function guideWindows(frame: GuideFrame, protocol: GuideProtocol): GuideWindows {
  const L = protocol.lookback;
  const rows = frame.dates.length;
  const offset = protocol.targetWindow === "skip-day" ? L : L - 1;
  const decision = (start: number) => start + offset;
  const count = rows - 1 - offset;
  if (count < 50) {
    throw new Error(`cls-guide: ${rows} feature rows make only ${count} windows of ${L} days`);
  }
  const all = Array.from({ length: count }, (_, i) => i);
  let train: number[], test: number[];
  if (protocol.split === "fraction") {
    const cut = Math.floor(count * protocol.trainFraction);
    [train, test] = [all.slice(0, cut), all.slice(cut)];
  } else {
    test = all.filter((i) => frame.dates[decision(i)] >= protocol.testStart);
    if (test.length === 0) {
      throw new Error(`cls-guide: no test window is decided on or after ${protocol.testStart}`);
    }
    train = all.filter((i) => decision(i) + 1 <= decision(test[0]));
  }
  const held = Math.max(1, Math.round(train.length * protocol.validationFraction));
  const [fit, checkpoint] = protocol.stopOn === "test"
    ? [train, test]
    : [train.slice(0, train.length - held), train.slice(train.length - held)];
  const width = frame.columns.length;
  const scalerRows = protocol.scaler === "whole-dataset" ? rows : train.at(-1)! + L;
  const scaled = new Float32Array(frame.values.length);
  for (let c = 0; c < width; c++) {
    let mean = 0;
    for (let r = 0; r < scalerRows; r++) mean += frame.values[r * width + c] / scalerRows;
    let variance = 0;
    for (let r = 0; r < scalerRows; r++) {
      variance += (frame.values[r * width + c] - mean) ** 2 / scalerRows;
    }
    const std = Math.sqrt(variance) || 1;
    for (let r = 0; r < rows; r++) {
      scaled[r * width + c] = (frame.values[r * width + c] - mean) / std;
    }
  }
  return { fit, checkpoint, test, decision, scaled, scalerRows };
}

/** The windows' inputs [n, L, F] (row-major) and raw targets [n]. */
export function windowTensors(
  frame: GuideFrame,
  windows: GuideWindows,
  starts: number[],
  lookback: number,
): { inputs: Float32Array; targets: Float64Array } {
  const width = frame.columns.length;
  const inputs = new Float32Array(starts.length * lookback * width);
  starts.forEach((start, k) => {
    inputs.set(
      windows.scaled.subarray(start * width, (start + lookback) * width),
      k * lookback * width,
    );
  });
  const targets = Float64Array.from(starts, (start) => {
    const d = windows.decision(start);
    return frame.close[d + 1] / frame.close[d] - 1;
  });
  return { inputs, targets };
}
