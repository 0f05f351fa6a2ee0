/**
 * Configuration of the `mamba` model, with its documented defaults (`mambaConfig.parse({})`):
 * d_model 64, 2 pre-norm Mamba blocks with the reference's d_state 16, expand 2, d_conv 4 and
 * dt_rank ⌈d_model / 16⌉, the parallel scan, dropout 0.1 before the head; MSE, Adam at 1e-3.
 */
import { z } from "zod";
import { pointLossSchema } from "../tf/model_config.ts";
import { type TrainerConfig, trainerConfigSchema } from "../tf/trainer_config.ts";

/** Adam at 1e-3, clipping at 1, LR halved after 5 flat epochs, stop after 10. */
export const MAMBA_TRAINING_DEFAULTS: TrainerConfig = {
  epochs: 100,
  batchSize: 64,
  learningRate: 1e-3,
  weightDecay: 0,
  clipNorm: 1,
  plateau: { patience: 5, factor: 0.5, minLearningRate: 1e-5 },
  earlyStoppingPatience: 10,
  checkpointSelection: "val-loss",
};

export const mambaConfig = z.object({
  /** Width of the input projection and of every block's residual stream. */
  dModel: z.number().int().min(1).max(1024).default(64),
  /** Stacked Mamba blocks, each x + block(LayerNorm(x)). */
  layers: z.number().int().min(1).max(16).default(2),
  /** SSM state size N per inner channel. */
  dState: z.number().int().min(1).max(256).default(16),
  /** Inner channels E = expand · dModel. */
  expand: z.number().int().min(1).max(8).default(2),
  /** Width of the causal depthwise convolution. */
  dConv: z.number().int().min(1).max(16).default(4),
  /** Rank of Δ's projection; null is the reference's "auto", ⌈dModel / 16⌉. */
  dtRank: z.number().int().min(1).max(1024).nullable().default(null),
  /** "parallel": Hillis–Steele scan in ⌈log2 L⌉ rounds; "sequential": one step per bar. */
  scan: z.enum(["parallel", "sequential"]).default("parallel"),
  /** Dropout on the last bar's features before the head (seeded). */
  dropout: z.number().min(0).lt(1).default(0.1),
  /** Training loss on the standardised target. */
  loss: pointLossSchema,
  /** Weight of the variance penalty when `loss` is "mse-variance". */
  varianceWeight: z.number().min(0).default(1),
  training: trainerConfigSchema(MAMBA_TRAINING_DEFAULTS).prefault({}),
}).strict();

export type MambaConfig = z.infer<typeof mambaConfig>;

/** The kind's card: name, one-line description and schema; the registry and the spec read it. */
export const mambaKind = {
  schema: mambaConfig,
  kind: "mamba",
  description: "Mamba selective state-space stack (d 64, 2 blocks) over the past window, MSE",
};
