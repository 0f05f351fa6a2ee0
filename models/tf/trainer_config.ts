/**
 * Configuration of the shared training loop ({@link trainNetwork} in `trainer.ts`), its
 * validation, and a zod schema builder so each model documents its own defaults.
 */
import { z } from "zod";

export const CHECKPOINT_SELECTIONS = ["val-loss", "diversity", "val-da", "composite"] as const;
export type CheckpointSelection = typeof CHECKPOINT_SELECTIONS[number];

export interface PlateauConfig {
  /** Epochs without a lower monitored loss after which the learning rate is cut. */
  patience: number;
  /** Multiplier applied to the learning rate on a plateau, in (0, 1). */
  factor: number;
  /** The learning rate never drops below this. */
  minLearningRate: number;
}

export interface TrainerConfig {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** 0 = plain Adam; > 0 = decoupled weight decay (AdamW: w ← w·(1 − lr·wd) each step). */
  weightDecay: number;
  /** Global gradient-norm clipping (as torch's clip_grad_norm_), or null for none. */
  clipNorm: number | null;
  /** Reduce the learning rate when the validation loss stops falling. */
  plateau: PlateauConfig;
  /** Stop after this many epochs without improvement of the selection criterion. */
  earlyStoppingPatience: number;
  /**
   * Lowest val loss | highest std of val predictions | highest val directional accuracy |
   * accuracy × up-share calibration (`checkpoint_rules.ts`).
   */
  checkpointSelection: CheckpointSelection;
  /**
   * Other rules whose best epoch's weights are kept beside the selected one and stored with
   * the model, so a predict node can re-select by rule without retraining (absent: none).
   * Each kept rule stops taking epochs when it would have stopped early on its own, and
   * training runs until every rule has, so a kept rule's weights are those a fit with that
   * `checkpointSelection` keeps.
   */
  keepCheckpoints?: CheckpointSelection[];
}

/** A zod schema for {@link TrainerConfig} whose `parse({})` yields `defaults`. */
export function trainerConfigSchema(defaults: TrainerConfig) {
  const plateau = z.object({
    patience: z.number().int().min(1).default(defaults.plateau.patience),
    factor: z.number().gt(0).lt(1).default(defaults.plateau.factor),
    minLearningRate: z.number().min(0).default(defaults.plateau.minLearningRate),
  }).strict();
  return z.object({
    epochs: z.number().int().min(1).default(defaults.epochs),
    batchSize: z.number().int().min(1).default(defaults.batchSize),
    learningRate: z.number().gt(0).default(defaults.learningRate),
    weightDecay: z.number().min(0).default(defaults.weightDecay),
    clipNorm: z.number().gt(0).nullable().default(defaults.clipNorm),
    plateau: plateau.default({ ...defaults.plateau }),
    earlyStoppingPatience: z.number().int().min(1).default(defaults.earlyStoppingPatience),
    checkpointSelection: z.enum(CHECKPOINT_SELECTIONS).default(
      defaults.checkpointSelection,
    ),
    keepCheckpoints: z.array(z.enum(CHECKPOINT_SELECTIONS)).optional(),
  }).strict();
}

/** Throws an error naming the first invalid field (for callers that bypass zod). */
export function checkTrainerConfig(config: TrainerConfig): void {
  const fail = (field: string, rule: string, value: unknown) => {
    throw new Error(`trainer config: ${field} must be ${rule}, got ${JSON.stringify(value)}`);
  };
  const isInt = (x: number) => Number.isInteger(x) && x >= 1;
  if (!isInt(config.epochs)) fail("epochs", "an integer >= 1", config.epochs);
  if (!isInt(config.batchSize)) fail("batchSize", "an integer >= 1", config.batchSize);
  if (!(config.learningRate > 0)) fail("learningRate", "> 0", config.learningRate);
  if (!(config.weightDecay >= 0)) fail("weightDecay", ">= 0", config.weightDecay);
  if (config.clipNorm !== null && !(config.clipNorm > 0)) {
    fail("clipNorm", "> 0 or null", config.clipNorm);
  }
  const { patience, factor, minLearningRate } = config.plateau;
  if (!isInt(patience)) fail("plateau.patience", "an integer >= 1", patience);
  if (!(factor > 0 && factor < 1)) fail("plateau.factor", "in (0, 1)", factor);
  if (!(minLearningRate >= 0)) fail("plateau.minLearningRate", ">= 0", minLearningRate);
  if (!isInt(config.earlyStoppingPatience)) {
    fail("earlyStoppingPatience", "an integer >= 1", config.earlyStoppingPatience);
  }
  if (!CHECKPOINT_SELECTIONS.includes(config.checkpointSelection)) {
    fail(
      "checkpointSelection",
      `one of ${CHECKPOINT_SELECTIONS.join(", ")}`,
      config.checkpointSelection,
    );
  }
  const keep = config.keepCheckpoints;
  if (
    keep !== undefined &&
    (!Array.isArray(keep) || keep.some((rule) => !CHECKPOINT_SELECTIONS.includes(rule)))
  ) {
    fail("keepCheckpoints", `a list of ${CHECKPOINT_SELECTIONS.join(", ")}`, keep);
  }
}
