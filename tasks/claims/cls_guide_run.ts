/**
 * Claim 5's run task (claims audit): one run of the CLS-Transformer guide's single-split
 * protocol per option set (`models/cls_guide/protocol.ts`: every option defaults to the
 * leak-free choice; the guide's are named alternatives). The claim's row is built by
 * `tasks/claims/cls_guide_claim.ts`, a module of its own so that editing it retrains nothing.
 */
import { z } from "zod";
import { defineTask } from "../../engine/task.ts";
import type { PriceSeries } from "../../data/snapshot.ts";
import { guideDepartures, guideProtocolSchema } from "../../models/cls_guide/protocol.ts";
import { guideFrame } from "../../models/cls_guide/features.ts";
import { guideWindows } from "../../models/cls_guide/windows.ts";
import { fitGuideTransformer } from "../../models/cls_guide/fit.ts";
import { scoreGuideRun } from "../../models/cls_guide/score.ts";
import { clsTransformerConfig } from "../../models/transformer/config.ts";
import type { GuideRunResult } from "../../evaluation/claims/cls_guide_claim.ts";
import { startBackend } from "../fit_steps.ts";

export const clsGuideRunParams = z.object({
  protocol: guideProtocolSchema.prefault({}),
  /** The CLS Transformer (defaults: the guide's sizes, d_model 128, 8 heads, 3 layers). */
  model: clsTransformerConfig.prefault({}),
}).strict();

export const clsGuideRun = defineTask({
  name: "train.cls-guide",
  kind: "train",
  module: import.meta.url,
  worker: true,
  seeded: true,
  usesBackend: true,
  params: clsGuideRunParams,
  inputs: { prices: "required" },
  run: async ({ prices }: { prices: PriceSeries }, params, ctx): Promise<GuideRunResult> => {
    if (prices?.kind !== "prices") {
      throw new Error(`${ctx.nodeId}: input "prices" is not a price series (a fetchPrices node)`);
    }
    await startBackend(ctx);
    const { protocol, model } = params;
    const frame = guideFrame(prices, protocol);
    const windows = guideWindows(frame, protocol);
    const fit = await fitGuideTransformer(frame, windows, {
      protocol,
      model,
      seed: ctx.seed,
      signal: ctx.signal,
      onEpoch: (record, epochs) =>
        ctx.progress({
          epoch: record.epoch,
          epochs,
          fraction: record.epoch / epochs,
          message: `loss ${record.trainLoss.toExponential(2)}`,
        }),
    });
    const scores = scoreGuideRun(frame, windows, fit, protocol);
    ctx.metric("transformer.mse", scores.transformer.mse);
    ctx.metric("constant.mse", scores.constant.mse);
    ctx.metric("transformer.sharpe", scores.transformer.sharpe);
    ctx.metric("transformer.trades", scores.transformer.trades);
    ctx.metric("test_days", scores.actual.length);
    return {
      kind: "cls-guide-run",
      departures: guideDepartures(protocol),
      sharpe: protocol.sharpe,
      scores,
      fit: {
        selectedEpoch: fit.selectedEpoch,
        epochs: fit.epochs,
        trainWindows: windows.fit.length,
        scalerRows: windows.scalerRows,
      },
    };
  },
});
