/**
 * A trained TFT with what it needs beside its weights: the target scale and the variable
 * names of the fold it was trained on. Checks that a fold fits it, and saves/restores it as
 * one byte array (weights plus metadata).
 */
import type { Fold } from "../contract.ts";
import { loadWithMetadata, type SavedMetadata, saveWithMetadata } from "../tf/serialize.ts";
import type { TargetScale } from "../tf/window_data.ts";
import { type BuiltTft, tftLayerOf } from "./build.ts";
import { TFT_KIND } from "./inputs.ts";
import type { TftShape } from "./network.ts";

/** Variable names of the fold the network was trained on, in input order. */
export interface Layout {
  staticNames: string[];
  pastNames: string[];
  knownNames: string[];
}

export interface FittedTft {
  built: BuiltTft;
  scale: TargetScale;
  layout: Layout;
}

interface TftMetadata extends SavedMetadata, Layout, TargetScale {}

export function layoutOf(fold: Fold): Layout {
  return {
    staticNames: [...fold.staticNames],
    pastNames: [...fold.pastNames],
    knownNames: [...fold.knownNames],
  };
}

export function shapeOf(fold: Fold): TftShape {
  return {
    staticSize: fold.static.cols,
    pastSize: fold.past.cols,
    knownSize: fold.known.cols,
    encoderLength: fold.encoderLength,
    horizon: fold.horizon,
  };
}

/** Throws unless `fold` has the encoder length, horizon and variables trained on. */
export function requireSameLayout(fitted: FittedTft, fold: Fold): void {
  const trained = fitted.built.layer.shape;
  const given = shapeOf(fold);
  const [had, has] = [JSON.stringify(fitted.layout), JSON.stringify(layoutOf(fold))];
  if (
    had === has && trained.encoderLength === given.encoderLength &&
    trained.horizon === given.horizon
  ) return;
  throw new Error(
    `${TFT_KIND}: the network was trained on encoder ${trained.encoderLength}, horizon ` +
      `${trained.horizon}, variables ${had} but fold ${fold.id} has encoder ` +
      `${given.encoderLength}, horizon ${given.horizon}, variables ${has}`,
  );
}

export async function saveFitted(fitted: FittedTft): Promise<Uint8Array> {
  const metadata: TftMetadata = { kind: TFT_KIND, ...fitted.layout, ...fitted.scale };
  return await saveWithMetadata(fitted.built.model, metadata);
}

/** Restores what {@link saveFitted} wrote, checking it is a TFT. */
export async function loadFitted(saved: Uint8Array): Promise<FittedTft> {
  const { model, metadata } = await loadWithMetadata<TftMetadata>(TFT_KIND, saved);
  const { mean, std, staticNames, pastNames, knownNames } = metadata;
  return {
    built: { model, layer: tftLayerOf(model) },
    scale: { mean, std },
    layout: { staticNames, pastNames, knownNames },
  };
}
