/**
 * Configuration of the `lstm` model, with its documented defaults (`lstmConfig.parse({})`).
 */
import { z } from "zod";
import { fineTuneSchema, pointLossSchema } from "../tf/model_config.ts";
import { type TrainerConfig, trainerConfigSchema } from "../tf/trainer_config.ts";

/** Adam at 1e-3, clipping at 1, LR halved after 5 flat epochs, stop after 10. */
export const LSTM_TRAINING_DEFAULTS: TrainerConfig = {
  epochs: 100,
  batchSize: 64,
  learningRate: 1e-3,
  weightDecay: 0,
  clipNorm: 1,
  plateau: { patience: 5, factor: 0.5, minLearningRate: 1e-5 },
  earlyStoppingPatience: 10,
  checkpointSelection: "val-loss",
};

export const lstmConfig = z.object({
  /** Stacked LSTM layers over the encoder window (the reference study uses 3). */
  layers: z.number().int().min(1).max(8).default(3),
  /** Hidden units of every LSTM layer. */
  units: z.number().int().min(1).max(1024).default(64),
  /** Dropout after each LSTM layer (seeded, a fresh mask every training step). */
  dropout: z.number().min(0).lt(1).default(0.2),
  /** Training loss on the standardised target. */
  loss: pointLossSchema,
  /** Weight of the variance penalty when `loss` is "mse-variance". */
  varianceWeight: z.number().min(0).default(1),
  /** With an upstream model: "head" trains only the dense head, "all" fine-tunes every weight. */
  fineTune: fineTuneSchema,
  training: trainerConfigSchema(LSTM_TRAINING_DEFAULTS).prefault({}),
}).strict();

export type LstmConfig = z.infer<typeof lstmConfig>;

/** The kind's card: name, one-line description and schema; the registry and the spec read it. */
export const lstmKind = {
  schema: lstmConfig,
  kind: "lstm",
  description: "Stacked LSTM (3 × 64 by default) over the past window, dense head, MSE",
};
