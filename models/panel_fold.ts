/**
 * The panel fold contract: several aligned series in one fold (the index and its sector
 * ETFs or stocks), the companion of `Fold` (contract.ts) for studies that fuse or pool series.
 * Built by the data stage (data/panel/fold.ts; contract in data/README.md, "Panel folds").
 * Arrays are row-major: cell (t, n) is at t·N + n, feature f of it at (t·N + n)·F + f.
 */
import type { Frequency, SplitName } from "./contract.ts";

/** One series of a panel and the group it was declared in ("index", "etf", "stocks", …). */
export interface PanelMember {
  symbol: string;
  group: string;
}

export interface PanelFold {
  kind: "panel-fold";
  id: string;
  testYear: number;
  frequency: Frequency;
  encoderLength: number;
  horizon: number;
  /** The fold's rows: from the first training origin's window to the last test label. */
  dates: string[];
  /** Column 0 is the index, whose rows are scored; the members follow. */
  members: PanelMember[];
  /** Per-series input names (price features of data/panel/frame.ts). */
  features: string[];
  /** [T, N, F] scaled features, clipped at ±clipStd; 0 where the member is absent. */
  past: Float32Array;
  /** [T, N] raw simple returns (the labels); NaN where the member is absent. */
  target: Float32Array;
  /** [T, N] 1 where the member is present; a model must not read a row where it is 0. */
  present: Uint8Array;
  /** Origins (rows) of each split; scoring reads the index's labels, column 0. */
  splits: Record<SplitName, Int32Array>;
  /**
   * Per member and feature ([N, F]), mean and population std of its present training rows
   * (the rows up to the last training origin); `trainRows` counts them per member. A member
   * with fewer than `minTrainRows` is absent from the whole fold (its statistics are NaN).
   */
  scaler: { mean: Float64Array; std: Float64Array; trainRows: Int32Array };
}
