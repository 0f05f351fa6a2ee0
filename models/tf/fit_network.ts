/**
 * The fit step every tfjs model shares: turn the train and validation windows into tensors
 * (targets standardised with the training scale), train through {@link trainNetwork}, and
 * report the history with the summary numbers the report prints (and the epochs of the
 * rules kept besides the selected one, whose weights it hands back). The tensors are always
 * released; the network's model is disposed when training fails (a fitted one is the
 * caller's to keep).
 */
import * as tf from "@tensorflow/tfjs";
import type { FitReport, Fold, SplitName } from "../contract.ts";
import type { Windows } from "../windows.ts";
import {
  type KeptCheckpoint,
  type TrainableNetwork,
  trainNetwork,
  type TrainOptions,
} from "./trainer.ts";
import { scaledTargetTensor, type TargetScale } from "./window_data.ts";

export interface NetworkFit {
  network: TrainableNetwork;
  train: Windows;
  /** Null when the fold has no validation origins. */
  validation: Windows | null;
  /** The training targets' scale (`{ mean: 0, std: 1 }` to train on raw returns). */
  scale: TargetScale;
  /** The network's input tensors for some windows. */
  inputsOf(windows: Windows): tf.Tensor[];
  /** Training-only labels of some windows (`TensorSet.labels`), when the network has any. */
  labelsOf?(windows: Windows): tf.Tensor;
  training: TrainOptions;
}

/** The windows a fit reads: train (refused when empty) and validation (null when none). */
export function fitWindows(
  kind: string,
  fold: Fold,
  windowsOf: (split: SplitName) => Windows,
): { train: Windows; validation: Windows | null } {
  const train = windowsOf("train");
  if (train.n === 0) throw new Error(`${kind}: fold ${fold.id}: the train split has no origins`);
  const validation = fold.splits.validation.length > 0 ? windowsOf("validation") : null;
  return { train, validation };
}

/** The fit's report, and the weights kept under other rules (the caller disposes them). */
export interface NetworkFitResult {
  report: FitReport;
  kept: KeptCheckpoint[];
}

export async function fitNetwork(fit: NetworkFit): Promise<NetworkFitResult> {
  const { network, train, validation, scale } = fit;
  const toSet = (windows: Windows) => ({
    inputs: fit.inputsOf(windows),
    target: scaledTargetTensor(windows, scale),
    ...(fit.labelsOf ? { labels: fit.labelsOf(windows) } : {}),
  });
  const trainSet = toSet(train);
  const validationSet = validation ? toSet(validation) : null;
  try {
    const { kept, ...outcome } = await trainNetwork(
      network,
      { train: trainSet, validation: validationSet },
      fit.training,
    );
    const keptEpochs = Object.fromEntries(kept.map((k) => [k.rule, k.epoch]));
    const report: FitReport = {
      ...outcome,
      ...(kept.length > 0 ? { keptEpochs } : {}),
      summary: {
        parameters: network.model.countParams(),
        trainOrigins: train.n,
        validationOrigins: validation?.n ?? 0,
        targetMean: scale.mean,
        targetStd: scale.std,
      },
    };
    return { report, kept };
  } catch (error) {
    network.model.dispose();
    throw error;
  } finally {
    tf.dispose(
      [trainSet, validationSet].flatMap((s) =>
        s ? [...s.inputs, s.target, ...(s.labels ? [s.labels] : [])] : []
      ),
    );
  }
}
