/**
 * Split node `split.panel-view`: a panel fold as one {@link Fold} that any registered model kind
 * trains on (models/fusion/panel_view.ts): the index alone (the direct forecast) or the
 * constituents stacked for one global model with shared weights.
 */
import { z } from "zod";
import { defineTask } from "../engine/task.ts";
import type { Fold } from "../models/contract.ts";
import type { PanelFold } from "../models/panel_fold.ts";
import { panelView } from "../models/fusion/panel_view.ts";

export const panelViewParams = z.object({
  /** "index": column 0 alone; "constituents": every other member, stacked. */
  series: z.enum(["index", "constituents"]),
  /** Keep every k-th training origin of each member (1 keeps all). */
  trainStride: z.number().int().min(1).default(1),
  /** One constituent's origins only (a per-series model); null keeps every constituent. */
  member: z.string().min(1).nullable().default(null),
}).strict();

export const panelViewTask = defineTask({
  name: "split.panel-view",
  kind: "split",
  module: import.meta.url,
  params: panelViewParams,
  inputs: { fold: "required" },
  run: ({ fold }: { fold: PanelFold }, params, ctx): Fold => {
    if (fold?.kind !== "panel-fold") {
      throw new Error(
        `${ctx.nodeId}: input "fold" is not a panel fold; connect it to a panelFold split node`,
      );
    }
    const view = panelView(fold, params);
    if (view.splits.train.length === 0) {
      throw new Error(
        `${ctx.nodeId}: ${view.id} has no training origin with a complete input window; ` +
          "lengthen trainYears or shorten encoderLength",
      );
    }
    ctx.progress({
      message: `${view.id}: ${view.splits.train.length} train, ` +
        `${view.splits.validation.length} validation, ${view.splits.test.length} test origins`,
      fraction: 1,
    });
    return view;
  },
});
