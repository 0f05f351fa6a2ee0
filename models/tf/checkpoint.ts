/**
 * Keeps the weights of the best epoch so far under a "higher is better" score, and puts
 * them back at the end of training. Only strict improvements count, so on a tie the
 * earlier epoch is kept.
 */
import * as tf from "@tensorflow/tfjs";

export class CheckpointKeeper {
  #weights: tf.Tensor[] | null = null;
  bestScore = -Infinity;
  bestEpoch: number | null = null;

  /** Snapshots the model's weights if `score` beats the best; returns whether it did. */
  offer(epoch: number, score: number, model: tf.LayersModel): boolean {
    if (!(score > this.bestScore)) return false; // NaN never improves
    this.#weights?.forEach((w) => w.dispose());
    this.#weights = model.getWeights().map((w) => w.clone());
    this.bestScore = score;
    this.bestEpoch = epoch;
    return true;
  }

  /**
   * Snapshots the model's weights if no epoch was kept (every score NaN), without an epoch:
   * the weights a fit that stopped here would have ended with.
   */
  keepIfEmpty(model: tf.LayersModel): void {
    this.#weights ??= model.getWeights().map((w) => w.clone());
  }

  /** Hands the kept weights over (the caller disposes them); null when nothing was kept. */
  take(): tf.Tensor[] | null {
    const weights = this.#weights;
    this.#weights = null;
    return weights;
  }

  /** Loads the kept weights into the model (no-op when nothing was kept). */
  restore(model: tf.LayersModel): void {
    if (this.#weights) model.setWeights(this.#weights);
  }

  dispose(): void {
    this.#weights?.forEach((w) => w.dispose());
    this.#weights = null;
  }
}
