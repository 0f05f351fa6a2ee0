/**
 * Re-selecting a stored fit's checkpoint by rule at the predict node, without retraining:
 * a fit whose `training.keepCheckpoints` lists the rule stored that rule's best weights
 * beside its own (`models/tf/checkpoint_pack.ts`). The forecast is then labelled
 * `<label>-<rule>` (the fit's own rule keeps the label), its config names the rule and its
 * `fit.selectedEpoch` is the rule's epoch, so an evaluation tells the rules apart.
 */
import type { FittedModel } from "../models/contract.ts";
import { checkpointBytes, packedRules } from "../models/tf/checkpoint_pack.ts";
import type { CheckpointSelection } from "../models/tf/trainer_config.ts";

export interface Reselected {
  weights: Uint8Array;
  /** The fitted record as the re-selected model's: label, config and selected epoch. */
  record: FittedModel;
}

function ownRuleOf(fitted: FittedModel): string | null {
  const training = fitted.config.training as { checkpointSelection?: unknown } | undefined;
  return typeof training?.checkpointSelection === "string" ? training.checkpointSelection : null;
}

/** The weights and record of `rule`'s checkpoint; a clear error when the fit did not keep it. */
export function reselectCheckpoint(
  fitted: FittedModel,
  weights: Uint8Array,
  rule: CheckpointSelection,
  nodeId: string,
): Reselected {
  const own = ownRuleOf(fitted);
  const bytes = checkpointBytes(weights, rule, own);
  if (bytes === null) {
    const kept = packedRules(weights).kept.map((k) => k.rule);
    throw new Error(
      `${nodeId}: checkpoint "${rule}" was not kept by the ${fitted.label} fit (its rule: ` +
        `${own ?? "none, it trains no epochs"}; kept besides: ${kept.join(", ") || "none"}); ` +
        `add "${rule}" to the model's training.keepCheckpoints and refit, or drop the ` +
        "predict node's checkpoint parameter",
    );
  }
  if (rule === own) return { weights: bytes, record: fitted };
  const epoch = fitted.fit.keptEpochs?.[rule] ?? null;
  const training = fitted.config.training as Record<string, unknown>;
  return {
    weights: bytes,
    record: {
      ...fitted,
      label: `${fitted.label}-${rule}`,
      config: { ...fitted.config, training: { ...training, checkpointSelection: rule } },
      fit: { ...fitted.fit, selectedEpoch: epoch },
    },
  };
}
