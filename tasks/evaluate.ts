/**
 * Evaluate node: every train result of an experiment (`fits: fit.gather()`, and optionally
 * a second node group's as `moreFits`, e.g. forecasts re-selected by checkpoint rule) in, the
 * metrics the report renders out — directional accuracy beside always-long on the same
 * rows with paired bootstrap intervals, errors, quantile scores, Pesaran–Timmermann and
 * Diebold–Mariano tests, backtests, collapse diagnostics, year/regime/step breakdowns.
 * Headline numbers go to the run ledger through `ctx.metric`. Given the feature node's
 * frame (`features`, optional), it also records the publication rule of each macro series
 * the features used (`settings.publication`), which the report's method section prints.
 */
import { z } from "zod";
import { defineTask, type Gathered, type TaskContext } from "../engine/task.ts";
import type { TrainResult } from "../models/contract.ts";
import type { FeatureFrame } from "../data/frame.ts";
import { isBenchmark } from "../evaluation/benchmark.ts";
import { evaluateFits } from "../evaluation/evaluate.ts";
import type { EvaluationMetrics } from "../evaluation/evaluation.ts";
import { DEFAULT_SETTINGS, type EvaluationSettings } from "../evaluation/settings.ts";

export const evaluateParams = z.object({
  /** Coverage of the bootstrap intervals. */
  ciLevel: z.number().gt(0).lt(1).default(DEFAULT_SETTINGS.ciLevel),
  /** Bootstrap resamples per interval. */
  bootstrapReps: z.number().int().min(100).max(100_000).default(DEFAULT_SETTINGS.bootstrapReps),
  /** Bootstrap block length in rows; null = max(step, round(n^(1/3))). */
  blockLength: z.number().int().min(1).nullable().default(null),
  /** Bootstrap seed; null uses the pipeline seed. */
  seed: z.number().int().nullable().default(null),
  backtest: z.object({
    /** Cost per unit of position change: 0.001 = 0.1%; the futures fee is 0.000023. */
    costPerTrade: z.number().min(0).max(0.1).default(DEFAULT_SETTINGS.backtest.costPerTrade),
    /** Go long above +threshold (and short at or below −threshold), in return units. */
    threshold: z.number().min(0).default(DEFAULT_SETTINGS.backtest.threshold),
  }).strict().default({ ...DEFAULT_SETTINGS.backtest }),
  /**
   * The reference model, by label or kind: shown beside the others, not judged as a
   * forecaster, and compared with every model (both losses) unless `comparisons` names it.
   */
  benchmark: z.string().min(1).default(DEFAULT_SETTINGS.benchmark),
  /** Models (label or kind) every model is Diebold–Mariano-tested against, with the losses. */
  comparisons: z.array(
    z.object({
      against: z.string().min(1),
      losses: z.array(z.enum(["directional", "squared"])).min(1),
    }).strict(),
  ).default(DEFAULT_SETTINGS.comparisons.map((c) => ({ ...c, losses: [...c.losses] }))),
}).strict();

export type EvaluateParams = z.infer<typeof evaluateParams>;

export function recordHeadlines(metrics: EvaluationMetrics, ctx: TaskContext): void {
  const put = (name: string, value: number | null) => {
    if (value !== null && Number.isFinite(value)) ctx.metric(name, value);
  };
  for (const m of metrics.models) {
    put(`${m.label}.da`, m.pooled.da);
    // The benchmark's other numbers are a reference (always-long's: the base rate again).
    if (isBenchmark(metrics.settings, m)) continue;
    put(`${m.label}.da_mean`, m.acrossFolds.daMean);
    put(`${m.label}.da_std`, m.acrossFolds.daStd);
    put(`${m.label}.base_rate`, m.pooled.baseRate);
    put(`${m.label}.excess`, m.pooled.excess);
    put(`${m.label}.excess_low`, m.pooled.excessCi?.low ?? null);
    put(`${m.label}.excess_high`, m.pooled.excessCi?.high ?? null);
    put(`${m.label}.pt_p`, m.pooled.pesaranTimmermann.pValue);
    // Collapse at a glance: how often it calls up, how much its forecasts move.
    put(`${m.label}.share_up`, m.pooled.shareLong);
    put(`${m.label}.std_ratio`, m.pooled.stdRatio);
    put(`${m.label}.sharpe`, m.backtest.longFlat.sharpe);
  }
  put("buy_and_hold.sharpe", metrics.models[0]?.backtest.buyAndHold.sharpe ?? null);
}

export const evaluateForecasts = defineTask({
  name: "evaluate.forecasts",
  kind: "evaluate",
  module: import.meta.url,
  seeded: true,
  params: evaluateParams,
  inputs: { fits: "required", moreFits: "optional", features: "optional" },
  run: (
    { fits: some, moreFits, features }: {
      fits: Gathered<TrainResult>;
      moreFits?: Gathered<TrainResult>;
      features?: FeatureFrame;
    },
    params,
    ctx,
  ): EvaluationMetrics => {
    for (const [name, value] of [["fits", some], ["moreFits", moreFits ?? []]] as const) {
      if (Array.isArray(value)) continue;
      throw new Error(
        `${ctx.nodeId}: input "${name}" must be gathered train results; declare it as ` +
          `\`{ ${name}: fit.gather() }\``,
      );
    }
    const fits = moreFits ? [...some, ...moreFits] : some;
    if (features !== undefined && features?.kind !== "feature-frame") {
      throw new Error(
        `${ctx.nodeId}: input "features" must be the feature node's frame (wire it to the ` +
          "buildFeatures node, e.g. `{ fits: forecasts.gather(), features }`)",
      );
    }
    const settings: EvaluationSettings = { ...params, seed: params.seed ?? ctx.seed };
    ctx.progress({ message: `evaluating ${fits.length} train results` });
    const metrics = evaluateFits(fits, settings);
    for (const warning of metrics.warnings) ctx.warn(warning);
    recordHeadlines(metrics, ctx);
    if (!features) return metrics;
    // For the report's method section; recorded after scoring, so no number depends on it.
    const publication = Object.fromEntries(
      Object.keys(features.publication).sort().map((id) => [id, features.publication[id]]),
    );
    return { ...metrics, settings: { ...metrics.settings, publication } };
  },
});
