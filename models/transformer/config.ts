/**
 * Configuration of the `cls-transformer` model, with its documented defaults
 * (`clsTransformerConfig.parse({})`): d_model 128, 8 heads, 3 layers, feed-forward 256,
 * dropout 0.1, a 64-unit two-layer head; MSE, Adam at 5e-4 with weight decay 1e-5,
 * clipping at 1, LR halved after 5 flat epochs, early stopping after 10.
 */
import { z } from "zod";
import { fineTuneSchema, pointLossSchema } from "../tf/model_config.ts";
import { type TrainerConfig, trainerConfigSchema } from "../tf/trainer_config.ts";

export const TRANSFORMER_TRAINING_DEFAULTS: TrainerConfig = {
  epochs: 100,
  batchSize: 64,
  learningRate: 5e-4,
  weightDecay: 1e-5,
  clipNorm: 1,
  plateau: { patience: 5, factor: 0.5, minLearningRate: 1e-6 },
  earlyStoppingPatience: 10,
  checkpointSelection: "val-loss",
};

export const clsTransformerConfig = z.object({
  /** Width of the token embeddings and of every encoder layer. */
  dModel: z.number().int().min(2).max(1024).default(128),
  /** Attention heads per layer; must divide dModel. */
  heads: z.number().int().min(1).max(64).default(8),
  /** Encoder layers (post-norm, as torch's TransformerEncoderLayer). */
  layers: z.number().int().min(1).max(12).default(3),
  /** Hidden width of each layer's feed-forward block (ReLU). */
  feedForward: z.number().int().min(1).max(8192).default(256),
  /** Dropout on embeddings, attention weights, residual branches and the head. */
  dropout: z.number().min(0).lt(1).default(0.1),
  /** Hidden units of the two-layer head on the [CLS] output. */
  headUnits: z.number().int().min(1).max(4096).default(64),
  /** Training loss on the standardised target. */
  loss: pointLossSchema,
  /** Weight of the variance penalty when `loss` is "mse-variance". */
  varianceWeight: z.number().min(0).default(1),
  /** With an upstream model: "head" trains only the output layer, "all" fine-tunes every weight. */
  fineTune: fineTuneSchema,
  training: trainerConfigSchema(TRANSFORMER_TRAINING_DEFAULTS).prefault({}),
}).strict().superRefine((config, ctx) => {
  if (config.dModel % config.heads !== 0) {
    ctx.addIssue({
      code: "custom",
      path: ["heads"],
      message: `heads (${config.heads}) must divide dModel (${config.dModel})`,
    });
  }
});

export type ClsTransformerConfig = z.infer<typeof clsTransformerConfig>;

/** The kind's card: name, one-line description and schema; the registry and the spec read it. */
export const clsTransformerKind = {
  schema: clsTransformerConfig,
  kind: "cls-transformer",
  description: "CLS-token Transformer encoder (d 128, 8 heads, 3 layers) over the past window, MSE",
};
