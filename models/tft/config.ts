/**
 * Configuration of the `tft` model kind, with its documented defaults
 * (`tftConfig.parse({})`). Sizes follow pytorch-forecasting's defaults scaled to the
 * study's small data (the same as the speed reference's weekly preset).
 */
import { z } from "zod";
import { fineTuneSchema } from "../tf/model_config.ts";
import { type TrainerConfig, trainerConfigSchema } from "../tf/trainer_config.ts";
import {
  antiCollapseSchema,
  auxiliaryHeadSchema,
  regimeAttentionSchema,
  regimeOutputSchema,
  stalenessAttentionSchema,
} from "./interventions.ts";
import { ATTENTION_MASK_VARIANTS } from "./mask_variants.ts";

/**
 * Adam at 1e-3, gradient norm clipped at 0.1 (pytorch-forecasting's usual
 * `gradient_clip_val`), LR halved after 4 flat validation epochs, stop after 10 epochs
 * without improvement, keep the epoch with the lowest validation loss.
 */
export const TFT_TRAINING_DEFAULTS: TrainerConfig = {
  epochs: 60,
  batchSize: 64,
  learningRate: 1e-3,
  weightDecay: 0,
  clipNorm: 0.1,
  plateau: { patience: 4, factor: 0.5, minLearningRate: 1e-5 },
  earlyStoppingPatience: 10,
  checkpointSelection: "val-loss",
};

export const tftConfig = z.object({
  /** Width of every hidden layer (pytorch-forecasting's `hidden_size`). */
  hiddenSize: z.number().int().min(1).max(512).default(16),
  /** Attention heads; must divide `hiddenSize`. */
  attentionHeads: z.number().int().min(1).max(64).default(4),
  /** Width of each real variable's prescaled embedding (`hidden_continuous_size`). */
  hiddenContinuousSize: z.number().int().min(1).max(512).default(8),
  /** Dropout in every gated linear unit and in attention (seeded, fresh mask per step). */
  dropout: z.number().min(0).lt(1).default(0.1),
  /** Layers of the LSTM encoder and of the LSTM decoder. */
  lstmLayers: z.number().int().min(1).max(4).default(1),
  /** "quantile" (pinball over `quantiles`), "mse", or "mse-variance" (anti-collapse). */
  loss: z.enum(["quantile", "mse", "mse-variance"]).default("quantile"),
  /** Quantile levels for the quantile loss; must include 0.5 (the point forecast). */
  quantiles: z.array(z.number().gt(0).lt(1)).min(1).default([0.1, 0.5, 0.9]),
  /** Weight of the variance penalty when `loss` is "mse-variance". */
  varianceWeight: z.number().min(0).default(1),
  /**
   * Decoder self-attention: "exclude-self" (pytorch-forecasting: step t sees decoder steps
   * before t) or "include-self" (the paper: steps up to and including t).
   */
  attentionMask: z.enum(ATTENTION_MASK_VARIANTS as [string, ...string[]]).default("exclude-self"),
  /**
   * "standard": train on (y − mean) / std of the training targets, map predictions back;
   * "none": train on raw returns.
   */
  targetScaling: z.enum(["standard", "none"]).default("standard"),
  /** Also return attention over encoder steps per sample from `explain` (larger output). */
  attentionPerSample: z.boolean().default(false),
  /** With an upstream model: "head" trains only the output layer, "all" fine-tunes everything. */
  fineTune: fineTuneSchema,
  /** Spread-floor and directional-balance penalties in the training loss; absent = off. */
  antiCollapse: antiCollapseSchema.optional(),
  /** Attention heads gated per regime known at the origin (VIX ≥ 25 by default); absent = off. */
  regimeAttention: regimeAttentionSchema.optional(),
  /** A mixture of experts in place of the output layer (learned or regime routing); absent = off. */
  regimeOutput: regimeOutputSchema.optional(),
  /** A classification head on the last decoder state trained beside the forecast; absent = off. */
  auxiliaryHead: auxiliaryHeadSchema.optional(),
  /** Attention logits of stale encoder steps lowered by a staleness feature; absent = off. */
  stalenessAttention: stalenessAttentionSchema.optional(),
  training: trainerConfigSchema(TFT_TRAINING_DEFAULTS).prefault({}),
}).strict().superRefine((config, ctx) => {
  if (config.hiddenSize % config.attentionHeads !== 0) {
    ctx.addIssue({
      code: "custom",
      path: ["attentionHeads"],
      message: `must divide hiddenSize (${config.hiddenSize}), got ${config.attentionHeads}`,
    });
  }
  if (config.loss === "quantile") {
    const q = config.quantiles;
    if (!q.includes(0.5)) {
      ctx.addIssue({
        code: "custom",
        path: ["quantiles"],
        message: `must include 0.5 (the point forecast), got [${q.join(", ")}]`,
      });
    }
    if (q.some((level, i) => i > 0 && level <= q[i - 1])) {
      ctx.addIssue({
        code: "custom",
        path: ["quantiles"],
        message: `must increase strictly, got [${q.join(", ")}]`,
      });
    }
  }
});

export type TftConfig = z.infer<typeof tftConfig>;

/** The kind's card: name, one-line description and schema; the registry and the spec read it. */
export const tftKind = {
  schema: tftConfig,
  kind: "tft",
  description:
    "Temporal Fusion Transformer (Lim et al. 2021, pytorch-forecasting layout): variable " +
    "selection, static encoders, LSTM encoder/decoder, interpretable attention, quantiles",
};
