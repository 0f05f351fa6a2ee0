/**
 * Checkpoint rules: the score (higher is better) by which the shared trainer keeps an
 * epoch's weights. Every rule's ingredients are recorded per epoch ({@link EpochRecord}),
 * so a reader can see which epoch each rule would have kept.
 *
 * - `val-loss`: lowest validation loss.
 * - `diversity`: highest std of the validation point forecasts.
 * - `val-da`: highest validation directional accuracy.
 * - `composite`: accuracy × calibration of the up-share, DA · (0.5 + 0.5 · (1 − |p̂₊ − p₊|))
 *   with p̂₊ the share of up calls and p₊ the share of up targets on the validation rows
 *   (the reference study's composite monitor): an epoch that calls "up" every week scores
 *   its accuracy times 0.5 + 0.5·p₊, so it loses to one as accurate that also calls downs.
 *
 * Without a validation set every rule falls back to the training loss (lowest wins).
 */
import type { CheckpointSelection } from "./trainer_config.ts";

export interface ValidationScores {
  loss: number;
  directionalAccuracy: number;
  predictionStd: number;
  /** Share of point forecasts above zero (p̂₊). */
  shareLong: number;
  /** Share of validation targets above zero (p₊). */
  targetShareUp: number;
}

/** DA · (0.5 + 0.5 · (1 − |p̂₊ − p₊|)), in [0, 1]. */
export function compositeScore(
  scores: Pick<ValidationScores, "directionalAccuracy" | "shareLong" | "targetShareUp">,
): number {
  const calibration = 1 - Math.abs(scores.shareLong - scores.targetShareUp);
  return scores.directionalAccuracy * (0.5 + 0.5 * calibration);
}

/** The score of an epoch under `rule`; higher is better. */
export function checkpointScore(
  rule: CheckpointSelection,
  trainLoss: number,
  val: ValidationScores | null,
): number {
  if (!val) return -trainLoss;
  switch (rule) {
    case "val-loss":
      return -val.loss;
    case "diversity":
      return val.predictionStd;
    case "val-da":
      return val.directionalAccuracy;
    case "composite":
      return compositeScore(val);
  }
}
