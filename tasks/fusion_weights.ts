/**
 * Node `weights.fusion` (open kind "weights"): both point-in-time weight proxies of the
 * constituents for one panel fold (models/fusion/weights.ts), estimated on the fold's training
 * window only: nothing dated after its last training origin is read.
 */
import { z } from "zod";
import { defineTask } from "../engine/task.ts";
import type { PanelFold } from "../models/panel_fold.ts";
import type { PricePanel } from "../data/panel/load.ts";
import { dollarVolumeWeights } from "../models/fusion/weights.ts";
import { simplexRegressionWeights } from "../models/fusion/simplex_regression.ts";

export interface FusionWeights {
  kind: "fusion-weights";
  foldId: string;
  /** The last date any estimate reads (the fold's last training origin). */
  cutoff: string;
  /** Constituent symbols: panel members 1..N−1, in order. */
  members: string[];
  dollarVolume: number[];
  regression: number[];
}

export const fusionWeightsParams = z.object({
  /** Bars (of the fold's frequency) of the trailing dollar-volume window, ending at the cutoff. */
  lookbackBars: z.number().int().min(1).default(63),
  /** Bars of the regression window ending at the cutoff; null: the whole training window. */
  regressionBars: z.number().int().min(20).nullable().default(null),
}).strict();

export type FusionWeightsParams = z.infer<typeof fusionWeightsParams>;

/** The weights of one fold; `panel` supplies the daily bars of each member. */
export function estimateWeights(
  fold: PanelFold,
  panel: PricePanel,
  params: FusionWeightsParams,
): FusionWeights {
  const N = fold.members.length;
  const cutRow = Math.max(...fold.splits.train);
  const cutoff = fold.dates[cutRow];
  const constituents = fold.members.slice(1);
  const bars = constituents.map(({ symbol }) => {
    const at = panel.members.findIndex((m) => m.symbol === symbol);
    if (at < 0) throw new Error(`fold ${fold.id}: member ${symbol} is not in the price panel`);
    return panel.series[at];
  });
  const eligible = constituents.map((_, i) => {
    for (let t = 0; t <= cutRow; t++) if (fold.present[t * N + i + 1]) return true;
    return false;
  });
  const fromRow = cutRow - params.lookbackBars;
  const from = fromRow >= 0 ? fold.dates[fromRow] : null;
  const indexBars = panel.series[0].dates.filter((d) => d <= cutoff && (from === null || d > from));
  const dollarVolume = dollarVolumeWeights({
    bars,
    from,
    cutoff,
    windowDays: Math.max(1, indexBars.length),
    eligible,
  });
  const first = params.regressionBars === null
    ? 0
    : Math.max(0, cutRow - params.regressionBars + 1);
  const rows = Array.from({ length: cutRow - first + 1 }, (_, i) => first + i);
  const y = Float64Array.from(rows, (t) => fold.target[t * N]);
  const x = new Float64Array(rows.length * (N - 1));
  rows.forEach((t, r) => {
    for (let n = 1; n < N; n++) {
      x[r * (N - 1) + n - 1] = fold.present[t * N + n] ? fold.target[t * N + n] : NaN;
    }
  });
  const regression = simplexRegressionWeights({ y, x, members: N - 1, eligible });
  return {
    kind: "fusion-weights",
    foldId: fold.id,
    cutoff,
    members: constituents.map((m) => m.symbol),
    dollarVolume,
    regression,
  };
}

export const fusionWeights = defineTask({
  name: "weights.fusion",
  kind: "weights",
  module: import.meta.url,
  params: fusionWeightsParams,
  inputs: { panel: "required", fold: "required" },
  run: ({ panel, fold }: { panel: PricePanel; fold: PanelFold }, params, ctx): FusionWeights => {
    if (panel?.kind !== "price-panel" || fold?.kind !== "panel-fold") {
      throw new Error(
        `${ctx.nodeId}: inputs must be { panel: the fetchPanel node, fold: a panelFold node }`,
      );
    }
    const weights = estimateWeights(fold, panel, params);
    ctx.progress({ message: `${fold.id}: weights up to ${weights.cutoff}`, fraction: 1 });
    return weights;
  },
});
