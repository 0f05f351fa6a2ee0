/**
 * The checkpoint keepers of one fit: one for the fit's own rule (`checkpointSelection`) and
 * one per rule it keeps besides (`keepCheckpoints`). Each rule takes epochs until it would
 * have stopped early on its own (`earlyStoppingPatience` epochs without a strictly better
 * score) and training stops when every rule has. Training itself never depends on the rule
 * (the shuffle, the optimiser and the plateau schedule read no score), so each kept rule's
 * weights are the ones a fit with that `checkpointSelection` keeps, and the own rule's are
 * exactly what a fit without `keepCheckpoints` keeps. Memory: one copy of the weights per
 * kept rule (the TFT's ~25k parameters: ~100 kB each).
 */
import type * as tf from "@tensorflow/tfjs";
import { CheckpointKeeper } from "./checkpoint.ts";
import { checkpointScore, type ValidationScores } from "./checkpoint_rules.ts";
import type { CheckpointSelection, TrainerConfig } from "./trainer_config.ts";

/**
 * A kept rule's best epoch and its weights (epoch null: no epoch scored, e.g. NaN scores;
 * the weights are then those at the epoch the rule stopped).
 */
export interface KeptCheckpoint {
  rule: CheckpointSelection;
  epoch: number | null;
  weights: tf.Tensor[];
}

interface RuleState {
  rule: CheckpointSelection;
  keeper: CheckpointKeeper;
  open: boolean;
}

export class RuleKeepers {
  readonly #own: RuleState;
  readonly #kept: RuleState[];
  readonly #patience: number;

  constructor(
    config: Pick<
      TrainerConfig,
      "checkpointSelection" | "keepCheckpoints" | "earlyStoppingPatience"
    >,
  ) {
    const state = (rule: CheckpointSelection) => ({
      rule,
      keeper: new CheckpointKeeper(),
      open: true,
    });
    this.#own = state(config.checkpointSelection);
    const others = new Set(config.keepCheckpoints ?? []);
    others.delete(config.checkpointSelection);
    this.#kept = [...others].map(state);
    this.#patience = config.earlyStoppingPatience;
  }

  /** The own rule's selected epoch. */
  get selectedEpoch(): number | null {
    return this.#own.keeper.bestEpoch;
  }

  /** Offers the epoch's weights to every rule still taking epochs. */
  offer(
    epoch: number,
    trainLoss: number,
    scores: ValidationScores | null,
    model: tf.LayersModel,
  ): void {
    for (const state of [this.#own, ...this.#kept]) {
      if (state.open) {
        state.keeper.offer(epoch, checkpointScore(state.rule, trainLoss, scores), model);
      }
    }
  }

  /** Closes the rules out of patience after `epoch`; true when every rule is closed. */
  closeStale(epoch: number, model: tf.LayersModel): boolean {
    const all = [this.#own, ...this.#kept];
    for (const state of all) {
      if (!state.open || epoch - (state.keeper.bestEpoch ?? 0) < this.#patience) continue;
      state.open = false;
      // Only with kept rules can training go on past this epoch: keep what it ends with.
      if (this.#kept.length > 0) state.keeper.keepIfEmpty(model);
    }
    return all.every((state) => !state.open);
  }

  /** Loads the own rule's weights into the model (no-op when nothing was kept). */
  restoreOwn(model: tf.LayersModel): void {
    this.#own.keeper.restore(model);
  }

  /**
   * The kept rules' checkpoints, in the config's order (call before {@link restoreOwn});
   * the caller disposes the weights.
   */
  takeKept(model: tf.LayersModel): KeptCheckpoint[] {
    return this.#kept.map(({ rule, keeper }) => ({
      rule,
      epoch: keeper.bestEpoch,
      weights: keeper.take() ?? model.getWeights().map((w) => w.clone()),
    }));
  }

  dispose(): void {
    for (const state of [this.#own, ...this.#kept]) state.keeper.dispose();
  }
}
