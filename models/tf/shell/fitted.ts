/**
 * A trained network with what it needs beside its weights: the target scale and the
 * variable names of the groups it read. Checks that a fold fits it, and saves/restores it
 * as one byte array (weights plus `{ kind, …names, mean, std }` metadata).
 */
import * as tf from "@tensorflow/tfjs";
import type { Fold } from "../../contract.ts";
import { packCheckpoints } from "../checkpoint_pack.ts";
import type { KeptCheckpoint } from "../rule_keepers.ts";
import { loadWithMetadata, type SavedMetadata, saveWithMetadata } from "../serialize.ts";
import type { CheckpointSelection } from "../trainer_config.ts";
import type { TargetScale } from "../window_data.ts";
import { type Layout, layoutOf, stepsOf } from "./inputs.ts";
import type { InputGroup, Network } from "./kind.ts";

export interface Fitted {
  network: Network;
  scale: TargetScale;
  layout: Layout;
  /**
   * A fresh fit's checkpoints under the rules it kept besides its own (saved with it as a
   * checkpoint pack; a loaded model holds its own selection only).
   */
  checkpoints?: { own: CheckpointSelection; selectedEpoch: number | null; kept: KeptCheckpoint[] };
}

type ShellMetadata = SavedMetadata & Layout & TargetScale;

/** Throws unless `fold` has the encoder length, horizon and variables trained on. */
export function requireSameLayout(
  kind: string,
  reads: readonly InputGroup[],
  fitted: Fitted,
  fold: Fold,
): void {
  const trained = stepsOf(fitted.network.model);
  const [had, has] = [JSON.stringify(fitted.layout), JSON.stringify(layoutOf(reads, fold))];
  if (
    had === has && trained.encoderLength === fold.encoderLength &&
    trained.horizon === fold.horizon
  ) return;
  throw new Error(
    `${kind}: the network was trained on encoder ${trained.encoderLength}, horizon ` +
      `${trained.horizon}, variables ${had} but fold ${fold.id} has encoder ` +
      `${fold.encoderLength}, horizon ${fold.horizon}, variables ${has}`,
  );
}

/**
 * The model's bytes; with kept checkpoints, a pack of these and the same model saved with
 * each kept rule's weights (`checkpoint_pack.ts`), the model's own weights unchanged after.
 */
export async function saveFitted(kind: string, fitted: Fitted): Promise<Uint8Array> {
  const metadata: ShellMetadata = { kind, ...fitted.layout, ...fitted.scale };
  const model = fitted.network.model;
  const own = await saveWithMetadata(model, metadata);
  const checkpoints = fitted.checkpoints;
  if (!checkpoints || checkpoints.kept.length === 0) return own;
  const current = model.getWeights().map((w) => w.clone());
  try {
    const kept = [];
    for (const { rule, epoch, weights } of checkpoints.kept) {
      model.setWeights(weights);
      kept.push({ rule, epoch, bytes: await saveWithMetadata(model, metadata) });
    }
    return packCheckpoints(
      { rule: checkpoints.own, epoch: checkpoints.selectedEpoch, bytes: own },
      kept,
    );
  } finally {
    model.setWeights(current);
    tf.dispose(current);
  }
}

/** Frees a fitted network and the checkpoints it kept. */
export function disposeFitted(fitted: Fitted): void {
  fitted.network.model.dispose();
  for (const kept of fitted.checkpoints?.kept ?? []) tf.dispose(kept.weights);
}

/**
 * Restores what {@link saveFitted} wrote, checking it is a `kind` model; `restore` wraps
 * the model (the model is disposed when it throws).
 */
export async function loadFitted(
  kind: string,
  saved: Uint8Array,
  restore: (model: tf.LayersModel) => Network,
): Promise<Fitted> {
  const { model, metadata } = await loadWithMetadata<ShellMetadata>(kind, saved);
  const { kind: _, mean, std, ...layout } = metadata;
  try {
    return { network: restore(model), scale: { mean, std }, layout };
  } catch (error) {
    model.dispose();
    throw error;
  }
}
