/**
 * Tasks of the pairs-trading claim (claims audit, claim 2): the design (pairs picked on the
 * training window only) and one out-of-sample backtest per hedge-ratio estimator. The claim's
 * row is `tasks/claims/pairs_claim.ts`, its own module so that editing it reruns no backtest.
 */
import { z } from "zod";
import { defineTask } from "../../engine/task.ts";
import type { PricePanel } from "../../data/panel/load.ts";
import { buildPairDesign, type PairDesign } from "../../models/pairs/pair_design.ts";
import { HEDGE_ESTIMATORS } from "../../models/pairs/hedge_estimators.ts";
import { backtestPairs, type PairsBacktest } from "../../models/pairs/pairs_backtest.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date is YYYY-MM-DD");

export const pairDesignParams = z.object({
  trainStart: isoDate.default("2010-01-01"),
  /** Last day of the formation (training) window; pairs are picked on it alone. */
  trainEnd: isoDate.default("2018-12-31"),
  testEnd: isoDate.default("2024-12-31"),
  /** Most return-correlated pairs that go on to the Engle–Granger test. */
  candidates: z.number().int().min(1).max(5000).default(100),
  maxPairs: z.number().int().min(1).max(50).default(5),
  lags: z.number().int().min(0).max(20).default(1),
  level: z.enum(["0.01", "0.05", "0.10"]).default("0.05"),
}).strict();

export const pairDesign = defineTask({
  name: "split.pair-design",
  kind: "split",
  module: import.meta.url,
  params: pairDesignParams,
  inputs: { panel: "required" },
  run: ({ panel }: { panel: PricePanel }, params, ctx): PairDesign => {
    if (panel?.kind !== "price-panel") {
      throw new Error(`${ctx.nodeId}: input "panel" is not a price panel (a fetchPanel node)`);
    }
    const design = buildPairDesign(panel, params);
    for (const warning of design.warnings) ctx.warn(warning);
    const names = design.selection.pairs.map((p) => `${p.y}/${p.x}`).join(", ");
    ctx.progress({ message: `${design.selection.pairs.length} pairs: ${names}`, fraction: 1 });
    return design;
  },
});

export const pairsBacktestParams = z.object({
  estimator: z.enum(HEDGE_ESTIMATORS),
  /** Bollinger band: closes in the spread's mean and standard deviation, and the entry z. */
  lookback: z.number().int().min(5).max(250).default(20),
  entry: z.number().positive().max(5).default(2),
  /** Cost per unit of gross notional traded, each entry and exit (0.0005 = 5 bp). */
  cost: z.number().min(0).max(0.05).default(0.0005),
  minRows: z.number().int().min(20).default(60),
  window: z.number().int().min(20).default(120),
  delta: z.number().positive().lt(1).default(1e-4),
  observationVariance: z.number().positive().default(1e-3),
}).strict();

export const pairsBacktest = defineTask({
  name: "backtest.pairs",
  kind: "backtest",
  module: import.meta.url,
  params: pairsBacktestParams,
  inputs: { design: "required" },
  run: ({ design }: { design: PairDesign }, params, ctx): PairsBacktest => {
    if (design?.kind !== "pair-design") {
      throw new Error(`${ctx.nodeId}: input "design" is not a pair design (a pairDesign node)`);
    }
    const result = backtestPairs(design, params.estimator, params);
    ctx.metric(`${params.estimator}.trades`, result.trades);
    return result;
  },
});
