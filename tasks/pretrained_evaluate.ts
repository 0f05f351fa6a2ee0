/**
 * Evaluate node of the pretrained-market-model study: every forecast (the pretrained arms and
 * the index-only arm and baselines, two gathered inputs) scored by the standard evaluation
 * (direction beside always-long with intervals, tests, collapse diagnostics, backtests), plus
 * what the study adds (evaluation/pretrained/): one-step variance forecasts against GARCH(1,1)
 * and the realised-volatility naive, each fold's pretraining record, and the synthetic paths'
 * stylised facts. The report's "pretrained-volatility" and "synthetic-paths" sections show it.
 */
import { z } from "zod";
import { defineTask, type Gathered } from "../engine/task.ts";
import type { TrainResult } from "../models/contract.ts";
import { evaluateFits } from "../evaluation/evaluate.ts";
import type { EvaluationMetrics } from "../evaluation/evaluation.ts";
import type { EvaluationSettings } from "../evaluation/settings.ts";
import type { PretrainedEvaluation } from "../evaluation/pretrained/evaluation.ts";
import { varianceScores } from "../evaluation/pretrained/variance_scores.ts";
import { evaluateParams } from "./evaluate.ts";
import type { SyntheticResult } from "./synthetic_paths.ts";
import type { PretrainedModel } from "./pretrain.ts";

export const pretrainedEvaluateParams = evaluateParams.extend({
  /** Models (labels) every variance forecast is Diebold–Mariano-tested against on QLIKE. */
  volatilityReferences: z.array(z.string()).default(["garch", "rv-naive", "index-only"]),
}).strict();

function requireGathered(value: unknown, name: string, nodeId: string): void {
  if (!Array.isArray(value)) {
    throw new Error(`${nodeId}: input "${name}" must be gathered (declare it as \`ref.gather()\`)`);
  }
}

export const evaluatePretrained = defineTask({
  name: "evaluate.pretrained-market-model",
  kind: "evaluate",
  module: import.meta.url,
  seeded: true,
  params: pretrainedEvaluateParams,
  inputs: { fits: "required", baselines: "required", pretrain: "required", synthetic: "required" },
  run: (
    inputs: {
      fits: Gathered<TrainResult>;
      baselines: Gathered<TrainResult>;
      pretrain: Gathered<PretrainedModel>;
      synthetic: Gathered<SyntheticResult>;
    },
    params,
    ctx,
  ): EvaluationMetrics => {
    for (const name of ["fits", "baselines", "pretrain", "synthetic"] as const) {
      requireGathered(inputs[name], name, ctx.nodeId);
    }
    const { volatilityReferences, ...rest } = params;
    const settings: EvaluationSettings = { ...rest, seed: params.seed ?? ctx.seed };
    const all = [...inputs.fits, ...inputs.baselines];
    const metrics = evaluateFits(all, settings);
    for (const warning of metrics.warnings) ctx.warn(warning);
    const byLabel = new Map<string, TrainResult[]>();
    for (const { value } of all) {
      if (!value.test.variance) continue;
      byLabel.set(value.label, [...(byLabel.get(value.label) ?? []), value]);
    }
    const variance = varianceScores(byLabel, volatilityReferences);
    for (const score of variance) {
      ctx.metric(`${score.label}.qlike`, score.qlike);
      ctx.metric(`${score.label}.coverage95`, score.coverage95);
    }
    for (const m of metrics.models) {
      if (m.pooled.excess !== null) ctx.metric(`${m.label}.excess`, m.pooled.excess);
    }
    const pretrained: PretrainedEvaluation = {
      references: volatilityReferences,
      variance,
      pretraining: inputs.pretrain.map(({ value }) => ({
        testYear: value.testYear,
        series: value.corpus.series.length,
        windows: value.corpus.windows,
        firstDate: value.corpus.firstDate,
        lastDate: value.corpus.lastDate,
        excluded: value.corpus.excluded,
        steps: value.history[value.history.length - 1]?.step ?? 0,
        firstLoss: value.history[0]?.loss ?? NaN,
        lastLoss: value.history[value.history.length - 1]?.loss ?? NaN,
      })),
      synthetic: inputs.synthetic.map(({ value }) => ({
        testYear: value.testYear,
        steps: value.steps,
        paths: value.paths,
        models: value.models,
      })),
    };
    return { ...metrics, pretrained };
  },
});
