/** Builds small synthetic {@link Fold}s for the baseline tests (see models/contract.ts). */
import type { Fold, Matrix, SplitName } from "../../../models/contract.ts";

export interface SyntheticFoldOptions {
  /** Return of each row; its length is the number of rows. */
  target: ArrayLike<number>;
  /** Past feature columns by name, each as long as `target`. */
  past?: Record<string, ArrayLike<number>>;
  static?: Record<string, ArrayLike<number>>;
  encoderLength?: number;
  horizon?: number;
  /** Origin rows per split; defaults split the usable origins 60/20/20. */
  splits?: Partial<Record<"train" | "validation" | "test", ArrayLike<number>>>;
  id?: string;
}

export function syntheticFold(options: SyntheticFoldOptions): Fold {
  const n = options.target.length;
  const encoderLength = options.encoderLength ?? 4;
  const horizon = options.horizon ?? 1;
  const splits = { ...defaultSplits(n, encoderLength, horizon), ...options.splits };
  return {
    id: options.id ?? "synthetic",
    testYear: null,
    frequency: "weekly",
    encoderLength,
    horizon,
    dates: weeklyDates(n),
    target: Float32Array.from(options.target),
    past: matrixOf(options.past ?? {}, n).matrix,
    pastNames: Object.keys(options.past ?? {}),
    known: { rows: n, cols: 0, values: new Float32Array(0) },
    knownNames: [],
    static: matrixOf(options.static ?? {}, n).matrix,
    staticNames: Object.keys(options.static ?? {}),
    regime: Array.from({ length: n }, () => "calm"),
    splits: {
      train: Int32Array.from(splits.train),
      validation: Int32Array.from(splits.validation),
      test: Int32Array.from(splits.test),
    },
    scaler: { names: Object.keys(options.past ?? {}), mean: [], std: [] },
  };
}

function matrixOf(columns: Record<string, ArrayLike<number>>, n: number): { matrix: Matrix } {
  const names = Object.keys(columns);
  const values = new Float32Array(n * names.length);
  names.forEach((name, j) => {
    if (columns[name].length !== n) {
      throw new Error(`column ${name} has ${columns[name].length} rows, not ${n}`);
    }
    for (let t = 0; t < n; t++) values[t * names.length + j] = columns[name][t];
  });
  return { matrix: { rows: n, cols: names.length, values } };
}

/** ISO dates of `n` weekly Fridays from 2000-01-07, one per row; every synthetic fold uses them. */
export function weeklyDates(n: number): string[] {
  return Array.from(
    { length: n },
    (_, t) => new Date(Date.UTC(2000, 0, 7 + 7 * t)).toISOString().slice(0, 10),
  );
}

/**
 * The origins of `n` rows with a full encoder before and horizon after them, split 60/20/20
 * in time order: the default splits of every synthetic fold.
 */
export function defaultSplits(
  n: number,
  encoderLength: number,
  horizon: number,
): Record<SplitName, Int32Array> {
  const origins = Array.from(
    { length: n - horizon - encoderLength + 1 },
    (_, i) => i + encoderLength - 1,
  );
  const cut1 = Math.floor(origins.length * 0.6);
  const cut2 = Math.floor(origins.length * 0.8);
  return {
    train: Int32Array.from(origins.slice(0, cut1)),
    validation: Int32Array.from(origins.slice(cut1, cut2)),
    test: Int32Array.from(origins.slice(cut2)),
  };
}
