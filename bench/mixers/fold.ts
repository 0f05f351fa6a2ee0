/**
 * A synthetic daily {@link Fold} for the mixer and Mamba benchmarks: `features` standard-normal
 * past features (feature 0 is a lagged-return-like series the target depends on), one origin
 * per row, `train` training origins then `validation` validation origins and a short test
 * split. Seeded: the same options give the same fold.
 */
import type { Fold } from "../../models/contract.ts";
import { SeededRandom } from "../../models/tf/rng.ts";

export interface BenchFoldOptions {
  train: number;
  validation: number;
  encoderLength: number;
  features: number;
  horizon: number;
  seed?: number;
}

export function benchFold(o: BenchFoldOptions): Fold {
  const test = 4;
  const origins = o.train + o.validation + test;
  const rows = o.encoderLength - 1 + origins + o.horizon;
  const rng = new SeededRandom(o.seed ?? 0);
  const past = Float32Array.from({ length: rows * o.features }, () => rng.normal());
  const target = new Float32Array(rows);
  for (let t = 1; t < rows; t++) {
    target[t] = 0.001 * past[(t - 1) * o.features] + 0.01 * rng.normal();
  }
  const range = (from: number, count: number) =>
    Int32Array.from({ length: count }, (_, i) => o.encoderLength - 1 + from + i);
  const pastNames = Array.from({ length: o.features }, (_, f) => `f${f}`);
  const empty = { rows, cols: 0, values: new Float32Array() };
  return {
    id: "bench-synthetic",
    testYear: null,
    frequency: "daily",
    encoderLength: o.encoderLength,
    horizon: o.horizon,
    dates: Array.from(
      { length: rows },
      (_, t) => new Date(Date.UTC(2000, 0, 3 + t)).toISOString().slice(0, 10),
    ),
    target,
    past: { rows, cols: o.features, values: past },
    pastNames,
    known: empty,
    knownNames: [],
    static: empty,
    staticNames: [],
    regime: Array.from({ length: rows }, () => "calm"),
    splits: {
      train: range(0, o.train),
      validation: range(o.train, o.validation),
      test: range(o.train + o.validation, test),
    },
    scaler: { names: pastNames, mean: [], std: [] },
  };
}
