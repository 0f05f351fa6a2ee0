/**
 * Evaluate node `evaluate.fusion`: a fusion study's index forecasts — always-long, the direct
 * fits and the fused results, three gathered groups (a node input gathers one group) — scored
 * together by the same evaluation as every study (`evaluateFits`: accuracy beside always-long on
 * the same rows with paired bootstrap CIs, Pesaran–Timmermann, Diebold–Mariano, per-year
 * breakdowns, backtests), with the same parameters as `evaluateForecasts`.
 */
import { defineTask, type Gathered } from "../engine/task.ts";
import type { TrainResult } from "../models/contract.ts";
import { evaluateFits } from "../evaluation/evaluate.ts";
import type { EvaluationMetrics } from "../evaluation/evaluation.ts";
import type { EvaluationSettings } from "../evaluation/settings.ts";
import { evaluateParams, recordHeadlines } from "./evaluate.ts";

type Inputs = Record<"benchmark" | "direct" | "fused", Gathered<TrainResult>> & {
  ablation?: Gathered<TrainResult>;
};

export const evaluateFusion = defineTask({
  name: "evaluate.fusion",
  kind: "evaluate",
  module: import.meta.url,
  seeded: true,
  params: evaluateParams,
  inputs: { benchmark: "required", direct: "required", fused: "required", ablation: "optional" },
  run: (inputs: Inputs, params, ctx): EvaluationMetrics => {
    for (const name of ["benchmark", "direct", "fused"] as const) {
      if (!Array.isArray(inputs[name])) {
        throw new Error(`${ctx.nodeId}: input "${name}" must be gathered: \`${name}.gather()\``);
      }
    }
    if (inputs.ablation !== undefined && !Array.isArray(inputs.ablation)) {
      throw new Error(`${ctx.nodeId}: input "ablation" must be gathered: \`ablation.gather()\``);
    }
    const fits = [
      ...inputs.benchmark,
      ...inputs.direct,
      ...inputs.fused,
      ...(inputs.ablation ?? []),
    ];
    const settings: EvaluationSettings = { ...params, seed: params.seed ?? ctx.seed };
    ctx.progress({ message: `evaluating ${fits.length} index forecasts` });
    const metrics = evaluateFits(fits, settings);
    for (const warning of metrics.warnings) ctx.warn(warning);
    recordHeadlines(metrics, ctx);
    return metrics;
  },
});
