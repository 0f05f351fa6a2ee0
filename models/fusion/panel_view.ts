/**
 * A panel fold seen as one {@link Fold}, so every registered model kind trains on it unchanged:
 *
 * - `series: "index"`: column 0 alone (the direct index forecast), every origin of the panel fold;
 * - `series: "constituents"`: the constituents stacked as blocks of the panel's T rows (block b
 *   holds member b + 1), one global model with shared weights over all of them. The panel fold
 *   scales each member on its own training rows, so the blocks are comparable. Every row of block
 *   b carries the static feature `series` = b, the constituent's position in the panel's member
 *   list (fixed by the pipeline before any fold, so point-in-time safe; a member absent from a
 *   fold keeps its id): a global model may learn a per-series embedding from it (the mixer kinds'
 *   `seriesEmbedding`). The index view has one series and no static features.
 *
 * A member's origin is kept only where its whole input window is present and, for the training and
 * validation splits, its labels too: a model never reads an absent (zero-filled) cell and never
 * trains on a missing return. Test origins need the window only (a missing label is stored as 0 and
 * never scored: fusion scores the index). `trainStride` keeps every k-th training origin of each
 * member (offset by member) to bound a large panel's training cost.
 *
 * Pooled row r is member `1 + floor(r / T)` at panel row `r mod T` (`viewCell`). With `member`,
 * only that constituent's origins are kept (one per-series model per constituent).
 */
import type { Fold, Matrix, SplitName } from "../contract.ts";
import type { PanelFold } from "../panel_fold.ts";
import { SERIES_COLUMN } from "../mixer/series_embedding.ts";

export interface PanelViewOptions {
  series: "index" | "constituents";
  trainStride: number;
  /**
   * Constituents only: keep this member's origins alone (a per-series model, the ablation of
   * the global one); the layout stays the stacked one, so its rows map back with `viewCell`.
   */
  member?: string | null;
}

const SPLITS: SplitName[] = ["train", "validation", "test"];

/** The panel member and panel row of a row of the view. */
export function viewCell(panel: PanelFold, series: PanelViewOptions["series"], row: number) {
  const T = panel.dates.length;
  const block = Math.floor(row / T);
  return { member: series === "index" ? 0 : block + 1, row: row % T };
}

const empty = (rows: number): Matrix => ({ rows, cols: 0, values: new Float32Array(0) });

/** The static group: the constituent's block index on every row of its block (index: none). */
function seriesIds(series: PanelViewOptions["series"], B: number, T: number) {
  if (series === "index") return { static: empty(B * T), staticNames: [] };
  const values = new Float32Array(B * T);
  for (let b = 0; b < B; b++) values.fill(b, b * T, (b + 1) * T);
  return { static: { rows: B * T, cols: 1, values }, staticNames: [SERIES_COLUMN] };
}

export function panelView(panel: PanelFold, options: PanelViewOptions): Fold {
  const { encoderLength: L, horizon: H } = panel;
  const T = panel.dates.length;
  const N = panel.members.length;
  const F = panel.features.length;
  const members = options.series === "index" ? [0] : Array.from({ length: N - 1 }, (_, n) => n + 1);
  if (members.length === 0) throw new Error(`${panel.id}: the panel has no constituents`);
  const B = members.length;
  const only = options.member ?? null;
  if (only !== null && (options.series !== "constituents" || only === panel.members[0].symbol)) {
    throw new Error(`${panel.id}: "member" selects a constituent of the constituents view`);
  }
  const selected = only === null ? -1 : panel.members.findIndex((m) => m.symbol === only);
  if (only !== null && selected < 0) {
    throw new Error(`${panel.id}: ${only} is not a member of the panel`);
  }
  const present = (t: number, n: number) => panel.present[t * N + n] === 1;
  const target = new Float32Array(B * T);
  const past = new Float32Array(B * T * F);
  members.forEach((n, b) => {
    for (let t = 0; t < T; t++) {
      const value = panel.target[t * N + n];
      target[b * T + t] = Number.isFinite(value) ? value : 0;
      past.set(panel.past.subarray((t * N + n) * F, (t * N + n + 1) * F), (b * T + t) * F);
    }
  });
  const splits = {} as Record<SplitName, Int32Array>;
  for (const split of SPLITS) {
    const rows: number[] = [];
    members.forEach((n, b) => {
      if (selected >= 0 && n !== selected) return;
      panel.splits[split].forEach((o, i) => {
        if (split === "train" && (i + b) % options.trainStride !== 0) return;
        for (let t = o - L + 1; t <= o; t++) if (!present(t, n)) return;
        if (split !== "test") { for (let t = o + 1; t <= o + H; t++) if (!present(t, n)) return; }
        rows.push(b * T + o);
      });
    });
    splits[split] = Int32Array.from(rows);
  }
  const symbols = members.map((n) => panel.members[n].symbol);
  return {
    id: `${panel.id}-${options.series}${only === null ? "" : `-${only}`}`,
    testYear: panel.testYear,
    frequency: panel.frequency,
    encoderLength: L,
    horizon: H,
    dates: members.flatMap(() => panel.dates),
    target,
    past: { rows: B * T, cols: F, values: past },
    pastNames: panel.features.slice(),
    known: empty(B * T),
    knownNames: [],
    ...seriesIds(options.series, B, T),
    regime: new Array<string>(B * T).fill("all"),
    splits,
    scaler: {
      names: symbols.flatMap((s) => panel.features.map((f) => `${s}:${f}`)),
      mean: members.flatMap((n) => Array.from(panel.scaler.mean.subarray(n * F, (n + 1) * F))),
      std: members.flatMap((n) => Array.from(panel.scaler.std.subarray(n * F, (n + 1) * F))),
    },
  };
}
