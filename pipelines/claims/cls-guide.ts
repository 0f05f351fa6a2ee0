/**
 * Claims audit, claim 5: the CLS-Transformer guide's single split (source 001). SPY daily bars
 * 2015-01-02 … 2024-12-30, the guide's ten inputs, 60-day windows, a long-only backtest at a
 * 0.001 threshold with 0.1% a trade.
 *
 * Two runs of one protocol (`models/cls_guide/protocol.ts`): as published — the whole-dataset
 * scaler, early stopping and learning-rate cuts on the test loss, raw OHLCV levels, the
 * simple-mean RSI, raw return targets with Adam's weight decay, the skipped-day target, the
 * 80/20 split of windows and (annual return − 2%) / volatility, each flagged in the report —
 * and leak-free: every option at its default (training-rows scaler, the latest 20% of the
 * training windows for checkpointing, relative price inputs, Wilder's RSI, standardised
 * targets, next-day target, test days from 2023-01-03, plain Sharpe). Beside them, the constant
 * forecast (the training mean), the guide's ridge, random forest and gradient boosting on
 * flattened windows, and buy-and-hold on the same days.
 *
 * The network is the project's CLS Transformer, smaller than the guide's (d_model 32, 4 heads,
 * 1 layer, feed-forward 64, at most 30 epochs, against 128 / 8 / 3 / 256 / 50) so a cold run
 * takes minutes on two CPU cores; `--set 'cls-run.model.dModel=128'` … restores its sizes.
 */
import {
  type NodeRef,
  type ParamsInput,
  pipeline,
  type PipelineBuilder,
  sweep,
} from "../../engine/mod.ts";
import { fetchPrices } from "../../tasks/fetch.ts";
import { clsGuideRun } from "../../tasks/claims/cls_guide_run.ts";
import { clsGuideBaselines } from "../../tasks/claims/cls_guide_baselines.ts";
import { clsGuideClaimParams, clsGuideClaimSummary } from "../../tasks/claims/cls_guide_claim.ts";
import { collectClaims } from "../../tasks/claims/collect.ts";
import { renderReport } from "../../tasks/report.ts";
import { AS_PUBLISHED } from "../../models/cls_guide/protocol.ts";
import type { ClaimSummary } from "../../evaluation/claims/claim_row.ts";
import type { z } from "zod";

/** The network's sizes here (the guide: dModel 128, heads 8, layers 3, feedForward 256). */
export const CLS_GUIDE_MODEL = {
  dModel: 32,
  heads: 4,
  layers: 1,
  feedForward: 64,
  headUnits: 32,
  training: { epochs: 30 },
};

export interface ClsGuideClaimOptions {
  model?: Record<string, unknown>;
  summary?: ParamsInput<z.infer<typeof clsGuideClaimParams>>;
}

/** Declares claim 5's nodes (ids prefixed `cls-`); returns its ClaimSummary node. */
export function declareClsGuideClaim(
  p: PipelineBuilder,
  options: ClsGuideClaimOptions = {},
): NodeRef<ClaimSummary> {
  const prices = p.fetch("cls-spy", fetchPrices, {
    symbol: "SPY",
    start: "2015-01-01",
    end: "2024-12-30",
  });
  const run = p.train("cls-run", clsGuideRun, {
    protocol: sweep({ "as-published": AS_PUBLISHED, "leak-free": {} }),
    model: options.model ?? CLS_GUIDE_MODEL,
  }, { prices });
  const baselines = p.train("cls-baselines", clsGuideBaselines, {
    protocol: sweep({ "as-published": AS_PUBLISHED, "leak-free": {} }),
  }, { prices });
  return p.node("cls-claim", {
    kind: "claim",
    task: clsGuideClaimSummary,
    params: options.summary ?? {},
    inputs: { runs: run.gather(), baselines: baselines.gather() },
  });
}

export default pipeline({
  name: "claims/cls-guide",
  seed: 7,
  description: "The CLS-Transformer guide's single split on SPY, as published (leaks flagged) " +
    "and leak-free, beside the constant forecast and buy-and-hold on the same days",
}, (p) => {
  const claim = declareClsGuideClaim(p);
  const metrics = p.evaluate("cls-metrics", collectClaims, {}, { claim5: claim });
  p.report("cls-report", renderReport, {
    title: "Claims audit: the CLS-Transformer guide's single split",
    sections: ["claims", "run"],
  }, { metrics });
});
