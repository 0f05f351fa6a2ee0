/**
 * Feature node: one price series as normalised K-lines (`data/features/kline_frame.ts`), a
 * daily feature frame the rolling folds split and scale on each fold's training rows. The
 * pretrained market model reads the index through it, with the same parts it pretrained on.
 */
import { z } from "zod";
import { defineTask } from "../engine/task.ts";
import { KLINE_PARTS } from "../data/features/kline.ts";
import { klineFrame } from "../data/features/kline_frame.ts";
import type { PriceSeries } from "../data/snapshot.ts";

export const klineFeatures = defineTask({
  name: "feature.kline-frame",
  kind: "feature",
  module: import.meta.url,
  params: z.object({
    /** K-line parts, in order (a pretrained model's corpus must use the same). */
    parts: z.array(z.enum(KLINE_PARTS)).min(1).default(["return", "range"]),
  }).strict(),
  inputs: { prices: "required" },
  run: ({ prices }: { prices: PriceSeries }, params, ctx) => {
    if (prices?.kind !== "prices") {
      throw new Error(`feature node ${ctx.nodeId}: input "prices" must be a fetchPrices output`);
    }
    return klineFrame(prices, params.parts);
  },
});
