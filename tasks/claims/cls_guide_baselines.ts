/**
 * Claim 5's classical baselines (the guide's ridge, random forest and gradient boosting on
 * flattened windows), one node per protocol run, scored on the same test windows as the
 * Transformer of that run. A node of its own, so the Transformer runs stay cached.
 */
import { z } from "zod";
import { defineTask } from "../../engine/task.ts";
import type { PriceSeries } from "../../data/snapshot.ts";
import { guideProtocolSchema } from "../../models/cls_guide/protocol.ts";
import { guideFrame } from "../../models/cls_guide/features.ts";
import { guideWindows } from "../../models/cls_guide/windows.ts";
import {
  fitGuideBaselines,
  GUIDE_BASELINES,
  type GuideBaselineScores,
} from "../../models/cls_guide/baselines.ts";
import { type ForecastScore, scoreGuideRun } from "../../models/cls_guide/score.ts";

export const clsGuideBaselinesParams = z.object({
  protocol: guideProtocolSchema.prefault({}),
  /** Trees of the forest and of the boosting (the guide: 100). */
  trees: z.number().int().min(1).max(1000).default(100),
}).strict();

export const clsGuideBaselines = defineTask({
  name: "train.cls-guide-baselines",
  kind: "train",
  module: import.meta.url,
  worker: true,
  seeded: true,
  params: clsGuideBaselinesParams,
  inputs: { prices: "required" },
  run: ({ prices }: { prices: PriceSeries }, params, ctx): GuideBaselineScores => {
    if (prices?.kind !== "prices") {
      throw new Error(`${ctx.nodeId}: input "prices" is not a price series (a fetchPrices node)`);
    }
    const { protocol } = params;
    const frame = guideFrame(prices, protocol);
    const windows = guideWindows(frame, protocol);
    const forecasts = fitGuideBaselines(frame, windows, protocol, {
      trees: params.trees,
      seed: ctx.seed,
    });
    const scores: Record<string, ForecastScore> = {};
    for (const name of GUIDE_BASELINES) {
      scores[name] = scoreGuideRun(frame, windows, {
        forecasts: forecasts[name],
        trainingMean: 0,
      }, protocol).transformer;
      ctx.metric(`${name}.mse`, scores[name].mse);
      ctx.metric(`${name}.sharpe`, scores[name].sharpe);
    }
    return { kind: "cls-guide-baselines", rows: windows.test.length, scores };
  },
});
