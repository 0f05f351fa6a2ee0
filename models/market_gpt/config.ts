/**
 * Configuration of the `market-gpt` model, with its documented defaults
 * (`marketGptConfig.parse({})`): a decoder-only Transformer, d 32, 4 heads, 2 layers,
 * feed-forward 64, dropout 0.1, five quantiles of the next bar's return (and of its range);
 * Adam at 1e-3, clipping at 1, early stopping after 5 flat epochs.
 */
import { z } from "zod";
import { type TrainerConfig, trainerConfigSchema } from "../tf/trainer_config.ts";

export const MARKET_GPT_TRAINING_DEFAULTS: TrainerConfig = {
  epochs: 30,
  batchSize: 64,
  learningRate: 1e-3,
  weightDecay: 0,
  clipNorm: 1,
  plateau: { patience: 3, factor: 0.5, minLearningRate: 1e-5 },
  earlyStoppingPatience: 5,
  checkpointSelection: "val-loss",
};

const levels = z.array(z.number().gt(0).lt(1)).min(3);

export const marketGptConfig = z.object({
  /** Width of the bar embeddings and of every decoder layer. */
  dModel: z.number().int().min(2).max(1024).default(32),
  /** Attention heads per layer; must divide dModel. */
  heads: z.number().int().min(1).max(64).default(4),
  /** Decoder layers (pre-norm, causal self-attention and a ReLU feed-forward). */
  layers: z.number().int().min(1).max(12).default(2),
  /** Hidden width of each layer's feed-forward block. */
  feedForward: z.number().int().min(1).max(8192).default(64),
  /** Dropout on embeddings and residual branches during training. */
  dropout: z.number().min(0).lt(1).default(0.1),
  /** Quantile levels of the next bar's return and range; must hold 0.5 and be symmetric. */
  quantiles: levels.default([0.05, 0.25, 0.5, 0.75, 0.95]),
  /**
   * With an upstream (pretrained) model: "none" applies its weights unchanged (zero-shot),
   * "head" trains only the return head, "all" fine-tunes every weight. Without one the
   * network trains from scratch whatever this says.
   */
  fineTune: z.enum(["none", "head", "all"]).default("all"),
  training: trainerConfigSchema(MARKET_GPT_TRAINING_DEFAULTS).prefault({}),
}).strict().superRefine((config, ctx) => {
  if (config.dModel % config.heads !== 0) {
    ctx.addIssue({
      code: "custom",
      path: ["heads"],
      message: `heads (${config.heads}) must divide dModel (${config.dModel})`,
    });
  }
  const q = config.quantiles;
  const increasing = q.every((v, i) => i === 0 || v > q[i - 1]);
  const symmetric = q.every((v, i) => Math.abs(v + q[q.length - 1 - i] - 1) < 1e-9);
  if (!increasing || !symmetric || !q.includes(0.5)) {
    ctx.addIssue({
      code: "custom",
      path: ["quantiles"],
      message: `quantiles [${q}] must increase strictly, hold 0.5 and be symmetric about it`,
    });
  }
});

export type MarketGptConfig = z.infer<typeof marketGptConfig>;

/** The kind's card: name, one-line description and schema; the registry and the spec read it. */
export const marketGptKind = {
  schema: marketGptConfig,
  kind: "market-gpt",
  description:
    "Decoder-only causal Transformer over K-lines (d 32, 4 heads, 2 layers): quantiles of the next return and range",
};
