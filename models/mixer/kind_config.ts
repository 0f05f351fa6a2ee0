/**
 * Config fields shared by the `tsmixer` and `multiscale-tsmixer` kinds (zod, with their
 * documented defaults): mixer blocks, feature-MLP width, dropout, RevIN, the target channel,
 * the per-series embedding of a panel's global model, the point loss and the trainer (Adam at
 * 1e-3, clipping at 1, plateau and early stopping).
 */
import { z } from "zod";
import { pointLossSchema } from "../tf/model_config.ts";
import { type TrainerConfig, trainerConfigSchema } from "../tf/trainer_config.ts";

export const MIXER_TRAINING_DEFAULTS: TrainerConfig = {
  epochs: 100,
  batchSize: 64,
  learningRate: 1e-3,
  weightDecay: 0,
  clipNorm: 1,
  plateau: { patience: 5, factor: 0.5, minLearningRate: 1e-5 },
  earlyStoppingPatience: 10,
  checkpointSelection: "val-loss",
};

export const mixerFields = {
  /** Residual mixer blocks (time mixing then feature mixing) per path. */
  blocks: z.number().int().min(1).max(16).default(2),
  /** Hidden width of each block's feature-mixing MLP. */
  ffDim: z.number().int().min(1).max(4096).default(64),
  /** Dropout inside the blocks (seeded). */
  dropout: z.number().min(0).lt(1).default(0.1),
  /** Reversible instance normalisation: each window scaled by its own statistics. */
  revin: z.boolean().default(true),
  /** Index of the past feature the head forecasts from (the lagged return), 0-based. */
  target: z.number().int().min(0).default(0),
  /**
   * Width of a learned per-series embedding appended to every window step (a global model on
   * a panel view of several series, read from its static "series" column); 0: none.
   */
  seriesEmbedding: z.number().int().min(0).max(256).default(0),
  /** Training loss on the standardised target. */
  loss: pointLossSchema,
  /** Weight of the variance penalty when `loss` is "mse-variance". */
  varianceWeight: z.number().min(0).default(1),
  training: trainerConfigSchema(MIXER_TRAINING_DEFAULTS).prefault({}),
};

/** What the two kinds' configs share, as parsed. */
export interface MixerKindConfig {
  blocks: number;
  ffDim: number;
  dropout: number;
  revin: boolean;
  target: number;
  seriesEmbedding: number;
  loss: "mse" | "mse-variance";
  varianceWeight: number;
  training: TrainerConfig;
}
