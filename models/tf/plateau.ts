/**
 * Reduce-on-plateau learning-rate schedule: after `patience` consecutive epochs without a
 * strictly lower monitored loss, multiply the rate by `factor` (never below
 * `minLearningRate`) and start counting again.
 */
import type { PlateauConfig } from "./trainer_config.ts";

export class PlateauSchedule {
  #best = Infinity;
  #flatEpochs = 0;
  learningRate: number;

  constructor(readonly config: PlateauConfig, initialLearningRate: number) {
    this.learningRate = initialLearningRate;
  }

  /** Records one epoch's monitored loss; returns the learning rate for the next epoch. */
  observe(loss: number): number {
    if (loss < this.#best) {
      this.#best = loss;
      this.#flatEpochs = 0;
      return this.learningRate;
    }
    this.#flatEpochs++;
    if (this.#flatEpochs >= this.config.patience) {
      this.learningRate = Math.max(
        this.learningRate * this.config.factor,
        this.config.minLearningRate,
      );
      this.#flatEpochs = 0;
    }
    return this.learningRate;
  }
}
