/**
 * Builds a {@link Fold} from a feature frame and an origin plan: the fold's rows run from
 * the first training origin's encoder window to the last test origin's last label; `past`
 * and `known` are standardised with statistics fitted on the training rows only (the
 * encoder rows up to the last training origin); `static` is the one-hot regime of each row.
 */
import type { Fold, Matrix } from "../../models/contract.ts";
import type { FeatureFrame } from "../frame.ts";
import { fitStandardizer, standardize } from "../scaler.ts";
import type { OriginPlan } from "./origins.ts";

export interface FoldShape {
  id: string;
  testYear: number | null;
  encoderLength: number;
  horizon: number;
  /** Past features to keep, by frame name; null keeps all of them. */
  features: readonly string[] | null;
  /** Keep "ret" (the lagged target) among the past features. */
  laggedTarget: boolean;
  /** Clip scaled features at ± this many training standard deviations; null = no clip. */
  clipStd: number | null;
  /** Frame features kept raw, per fold row, for training labels only (`Fold.labelSeries`). */
  labelSeries?: readonly string[];
}

/** The raw frame values of `names` over the fold's rows (labels, never model inputs). */
function labelSeriesOf(
  frame: FeatureFrame,
  shape: FoldShape,
  rows: { from: number; to: number },
): Record<string, Float64Array> {
  return Object.fromEntries((shape.labelSeries ?? []).map((name) => {
    const j = frame.past.names.indexOf(name);
    if (j < 0) {
      throw new Error(
        `fold ${shape.id}: label series "${name}" is not a feature of the frame ` +
          `(${frame.past.names.join(", ")}); add it to the feature node's features`,
      );
    }
    return [name, frame.past.columns[j].slice(rows.from, rows.to)];
  }));
}

function pastSelection(frame: FeatureFrame, shape: FoldShape): number[] {
  const wanted = shape.features ?? frame.past.names;
  const unknown = wanted.filter((name) => !frame.past.names.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `fold ${shape.id}: unknown feature(s) ${unknown.join(", ")}; the feature frame has ` +
        `${frame.past.names.join(", ")}`,
    );
  }
  const names = shape.laggedTarget ? ["ret", ...wanted.filter((n) => n !== "ret")] : wanted;
  if (names.length === 0) throw new Error(`fold ${shape.id}: no past features selected`);
  return names.map((name) => frame.past.names.indexOf(name));
}

function matrix(values: Float32Array, rows: number, cols: number): Matrix {
  return { rows, cols, values };
}

export function assembleFold(frame: FeatureFrame, plan: OriginPlan, shape: FoldShape): Fold {
  const { encoderLength: L, horizon: H } = shape;
  if (plan.train.length === 0) {
    throw new Error(`fold ${shape.id}: no training origins (train window too short?)`);
  }
  if (plan.test.length === 0) throw new Error(`fold ${shape.id}: no test origins`);
  const first = plan.train[0] - (L - 1);
  const last = plan.test[plan.test.length - 1] + H;
  if (first < 0 || last >= frame.dates.length) {
    throw new Error(`fold ${shape.id}: rows ${first}..${last} fall outside the frame`);
  }
  const rows = { from: first, to: last + 1 };
  const n = rows.to - rows.from;
  const pastIndex = pastSelection(frame, shape);
  const pastNames = pastIndex.map((j) => frame.past.names[j]);
  const pastColumns = pastIndex.map((j) => frame.past.columns[j]);
  const trainRows = { from: first, to: plan.train[plan.train.length - 1] + 1 };
  const scaler = fitStandardizer(
    [...pastNames, ...frame.known.names],
    [...pastColumns, ...frame.known.columns],
    trainRows,
  );
  const labels = frame.regimeLabels;
  const regime = frame.regime.slice(rows.from, rows.to);
  const oneHot = new Float32Array(n * labels.length);
  regime.forEach((label, t) => {
    const k = labels.indexOf(label);
    if (k >= 0) oneHot[t * labels.length + k] = 1;
  });
  const shift = (origins: number[]) => Int32Array.from(origins, (o) => o - first);
  return {
    id: shape.id,
    testYear: shape.testYear,
    frequency: frame.frequency,
    encoderLength: L,
    horizon: H,
    dates: frame.dates.slice(rows.from, rows.to),
    target: Float32Array.from(frame.target.subarray(rows.from, rows.to)),
    past: matrix(
      standardize(pastColumns, scaler, { rows, clip: shape.clipStd }),
      n,
      pastColumns.length,
    ),
    pastNames,
    known: matrix(
      standardize(frame.known.columns, scaler, {
        rows,
        offset: pastColumns.length,
        clip: shape.clipStd,
      }),
      n,
      frame.known.columns.length,
    ),
    knownNames: frame.known.names.slice(),
    static: matrix(oneHot, n, labels.length),
    staticNames: labels.map((label) => `regime_${label}`),
    regime,
    splits: {
      train: shift(plan.train),
      validation: shift(plan.validation),
      test: shift(plan.test),
    },
    scaler,
    ...(shape.labelSeries?.length ? { labelSeries: labelSeriesOf(frame, shape, rows) } : {}),
  };
}
