/**
 * A small synthetic {@link Fold} with a learnable signal, for the tfjs model tests: the
 * return of row t+1 is 0.01·(a[t] − 0.5·b[t−1]) + 0.002·noise, with a and b standard-normal
 * past features (so a window model must read the last two encoder steps) and a third,
 * irrelevant feature.
 */
import type { Fold } from "../../../models/contract.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

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
  const origins = Array.from({ length: n - H - L + 1 }, (_, i) => i + L - 1);
  const cut1 = Math.floor(origins.length * 0.6);
  const cut2 = Math.floor(origins.length * 0.8);
  return {
    id: "signal",
    testYear: null,
    frequency: "weekly",
    encoderLength: L,
    horizon: H,
    dates: Array.from(
      { length: n },
      (_, t) => new Date(Date.UTC(2000, 0, 7 + 7 * t)).toISOString().slice(0, 10),
    ),
    target,
    past: { rows: n, cols: F, values: past },
    pastNames: ["a", "b", "noise"],
    known: { rows: n, cols: 0, values: new Float32Array(0) },
    knownNames: [],
    static: { rows: n, cols: 0, values: new Float32Array(0) },
    staticNames: [],
    regime: Array.from({ length: n }, () => "calm"),
    splits: {
      train: Int32Array.from(origins.slice(0, cut1)),
      validation: Int32Array.from(origins.slice(cut1, cut2)),
      test: Int32Array.from(origins.slice(cut2)),
    },
    scaler: { names: ["a", "b", "noise"], mean: [0, 0, 0], std: [1, 1, 1] },
  };
}

/** Realised returns of a split's origins, [n, H], in forecast order. */
export function actualReturns(fold: Fold, split: "train" | "validation" | "test"): Float32Array {
  const origins = fold.splits[split];
  const out = new Float32Array(origins.length * fold.horizon);
  origins.forEach((o, i) => {
    for (let h = 0; h < fold.horizon; h++) out[i * fold.horizon + h] = fold.target[o + 1 + h];
  });
  return out;
}

export function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
