/**
 * Panel folds: the rows of a {@link PanelFrame} that one rolling fold uses, with every
 * member scaled by statistics of its own training rows only, and the index (column 0)
 * giving the rows that are scored. Origins are rows of the index's calendar and follow the
 * same rules as single-series folds (folds/origins.ts): an origin belongs to the split that
 * holds its first label row, multi-step labels are purged at split boundaries. The
 * {@link PanelFold} contract itself lives beside `Fold`, in models/panel_fold.ts.
 */
import { type OriginPlan, planOrigins } from "../folds/origins.ts";
import { periodsFor } from "../folds/periods.ts";
import { fitStandardizer } from "../scaler.ts";
import type { PanelFold } from "../../models/panel_fold.ts";
import type { PanelFrame } from "./frame.ts";

export interface PanelFoldOptions {
  testYear: number;
  trainYears: number;
  /** Last years of the train window held out for validation; 0 for none. */
  validationYears: number;
  encoderLength: number;
  horizon: number;
  embargo: number;
  clipStd: number | null;
  /** A member needs this many present training rows to be scaled (and used) in the fold. */
  minTrainRows: number;
}

export interface PlannedPanelFold {
  fold: PanelFold;
  plan: OriginPlan;
  /** Members left out of this fold for want of training rows. */
  excluded: string[];
}

interface Scaled {
  mean: Float64Array;
  std: Float64Array;
  trainRows: Int32Array;
}

/** Statistics per member and feature over that member's present rows in [from, to). */
function fitPerMember(frame: PanelFrame, from: number, to: number, minRows: number): Scaled {
  const N = frame.members.length;
  const F = frame.features.length;
  const mean = new Float64Array(N * F).fill(NaN);
  const std = new Float64Array(N * F).fill(NaN);
  const trainRows = new Int32Array(N);
  for (let n = 0; n < N; n++) {
    const rows: number[] = [];
    for (let t = from; t < to; t++) if (frame.present[t * N + n]) rows.push(t);
    trainRows[n] = rows.length;
    if (rows.length < minRows) continue;
    const columns = frame.features.map((_, f) =>
      Float64Array.from(rows, (t) => frame.values[(t * N + n) * F + f])
    );
    const fitted = fitStandardizer(frame.features, columns, { from: 0, to: rows.length });
    mean.set(fitted.mean, n * F);
    std.set(fitted.std, n * F);
  }
  return { mean, std, trainRows };
}

export function panelFold(frame: PanelFrame, options: PanelFoldOptions): PlannedPanelFold {
  if (frame?.kind !== "panel-frame") {
    throw new Error(`panel folds need a panel feature frame (buildPanelFeatures) as input`);
  }
  const { testYear, encoderLength: L, horizon: H } = options;
  const label = `panel fold testYear=${testYear}`;
  const periods = periodsFor(frame.dates, {
    label,
    trainFrom: `${testYear - options.trainYears}-01-01`,
    testFrom: `${testYear}-01-01`,
    testTo: `${testYear + 1}-01-01`,
    validation: options.validationYears > 0
      ? { from: `${testYear - options.validationYears}-01-01` }
      : null,
    encoderLength: L,
  });
  const plan = planOrigins(periods, { rows: frame.dates.length, ...options });
  if (plan.train.length === 0 || plan.test.length === 0) {
    throw new Error(`${label}: no training or no test origins; widen the train window`);
  }
  const first = plan.train[0] - (L - 1);
  const last = plan.test[plan.test.length - 1] + H; // planOrigins keeps o + H inside the data
  const trainTo = plan.train[plan.train.length - 1] + 1;
  const stats = fitPerMember(frame, first, trainTo, options.minTrainRows);
  const N = frame.members.length;
  const F = frame.features.length;
  const T = last + 1 - first;
  const past = new Float32Array(T * N * F);
  const target = new Float32Array(T * N).fill(NaN);
  const present = new Uint8Array(T * N);
  const bound = options.clipStd ?? Infinity;
  const excluded: string[] = [];
  for (let n = 0; n < N; n++) {
    if (Number.isNaN(stats.mean[n * F])) {
      excluded.push(frame.members[n].symbol);
      continue;
    }
    for (let t = 0; t < T; t++) {
      const src = (first + t) * N + n;
      if (!frame.present[src]) continue;
      present[t * N + n] = 1;
      target[t * N + n] = frame.target[src];
      for (let f = 0; f < F; f++) {
        const z = (frame.values[src * F + f] - stats.mean[n * F + f]) / stats.std[n * F + f];
        past[(t * N + n) * F + f] = z > bound ? bound : z < -bound ? -bound : z;
      }
    }
  }
  if (excluded[0] === frame.members[0].symbol) {
    throw new Error(`${label}: the index has fewer than ${options.minTrainRows} training rows`);
  }
  const shift = (origins: number[]) => Int32Array.from(origins, (o) => o - first);
  return {
    fold: {
      kind: "panel-fold",
      id: `panel-${testYear}-${frame.frequency}`,
      testYear,
      frequency: frame.frequency,
      encoderLength: L,
      horizon: H,
      dates: frame.dates.slice(first, last + 1),
      members: frame.members.map((m) => ({ ...m })),
      features: [...frame.features],
      past,
      target,
      present,
      splits: {
        train: shift(plan.train),
        validation: shift(plan.validation),
        test: shift(plan.test),
      },
      scaler: stats,
    },
    plan,
    excluded,
  };
}
