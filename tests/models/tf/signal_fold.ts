/**
 * A small synthetic {@link Fold} with a learnable signal, for the tfjs model tests: the
 * return of row t+1 is 0.01·(a[t] − 0.5·b[t−1]) + 0.002·noise, with a and b standard-normal
 * past features (so a window model must read the last two encoder steps) and a third,
 * irrelevant feature.
 */
import type { Fold } from "../../../models/contract.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import { defaultSplits, weeklyDates } from "../baselines/synthetic_fold.ts";

export interface SignalFoldOptions {
  rows?: number;
  encoderLength?: number;
  horizon?: number;
  seed?: number;
}

export function signalFold(options: SignalFoldOptions = {}): Fold {
  const n = options.rows ?? 360;
  const L = options.encoderLength ?? 6;
  const H = options.horizon ?? 1;
  const rng = new SeededRandom(options.seed ?? 1);
  const F = 3;
  const past = new Float32Array(n * F);
  for (let k = 0; k < past.length; k++) past[k] = rng.normal();
  const target = new Float32Array(n);
  for (let t = 2; t < n; t++) {
    target[t] = 0.01 * (past[(t - 1) * F] - 0.5 * past[(t - 2) * F + 1]) + 0.002 * rng.normal();
  }
  return {
    id: "signal",
    testYear: null,
    frequency: "weekly",
    encoderLength: L,
    horizon: H,
    dates: weeklyDates(n),
    target,
    past: { rows: n, cols: F, values: past },
    pastNames: ["a", "b", "noise"],
    known: { rows: n, cols: 0, values: new Float32Array(0) },
    knownNames: [],
    static: { rows: n, cols: 0, values: new Float32Array(0) },
    staticNames: [],
    regime: Array.from({ length: n }, () => "calm"),
    splits: defaultSplits(n, L, H),
    scaler: { names: ["a", "b", "noise"], mean: [0, 0, 0], std: [1, 1, 1] },
  };
}
