/**
 * `evaluate.replicates`: the per-replicate evaluations of a replicated experiment
 * (`{ metrics: metrics.gather() }`, where `metrics` evaluates `predict.gather("testYear",
 * "model")` and so maps over the `replicate` axis) in, one evaluation out: the lowest
 * replicate's metrics, which the report's sections show as before, plus the pooled summary
 * (`evaluation/replicates.ts`) that the report's "replicates" section shows. Headline
 * metrics: `<label>.pooled_excess`, `.seed_std`, `.fold_std` per model.
 */
import { z } from "zod";
import { defineTask, type Gathered } from "../engine/task.ts";
import type { EvaluationMetrics } from "../evaluation/evaluation.ts";
import { poolReplicateMetrics, type ReplicatedMetrics } from "../evaluation/replicates.ts";

export const poolReplicates = defineTask({
  name: "evaluate.replicates",
  kind: "evaluate",
  module: import.meta.url,
  params: z.object({}).strict(),
  inputs: { metrics: "required" },
  run: (
    { metrics }: { metrics: Gathered<EvaluationMetrics> },
    _params,
    ctx,
  ): ReplicatedMetrics => {
    if (!Array.isArray(metrics)) {
      throw new Error(
        `${ctx.nodeId}: input "metrics" must be gathered per-replicate evaluations; declare ` +
          "it as `{ metrics: metrics.gather() }`",
      );
    }
    const pooled = poolReplicateMetrics(metrics);
    for (const model of pooled.replicates.models) {
      if (model.benchmark) continue;
      ctx.metric(`${model.label}.pooled_excess`, model.excess);
      if (model.seedStd !== null) ctx.metric(`${model.label}.seed_std`, model.seedStd);
      if (model.foldStd !== null) ctx.metric(`${model.label}.fold_std`, model.foldStd);
    }
    return pooled;
  },
});
