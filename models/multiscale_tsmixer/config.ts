/**
 * Configuration of the `multiscale-tsmixer` model, with its documented defaults
 * (`multiscaleTsmixerConfig.parse({})`): the TSMixer fields, plus `paths` (null: three paths
 * over the last ⌈L/4⌉, ⌈3L/4⌉ and L bars of an L-bar encoder window, e.g. 20, 60, 80 for
 * L = 80) and `fuse` (a dense layer over the concatenated path forecasts, or a softmax gate).
 */
import { z } from "zod";
import { mixerFields } from "../mixer/kind_config.ts";
import type { MixerPath } from "../mixer/network.ts";

const path = z.object({
  /** Steps the path mixes (after resampling). */
  length: z.number().int().min(1),
  /** Bars averaged into one step: 1 keeps the bars, 5 gives weekly means of daily bars. */
  every: z.number().int().min(1).default(1),
}).strict();

export const multiscaleTsmixerConfig = z.object({
  ...mixerFields,
  /** The paths; null derives three from the encoder length (see {@link defaultPaths}). */
  paths: z.array(path).min(1).max(8).nullable().default(null),
  /** "concat": a dense layer over the path forecasts; "gate": a learned softmax weighting. */
  fuse: z.enum(["concat", "gate"]).default("concat"),
}).strict();

export type MultiscaleTsmixerConfig = z.infer<typeof multiscaleTsmixerConfig>;

/** Paths over the last ⌈L/4⌉, ⌈3L/4⌉ and L bars (distinct lengths only), every bar kept. */
export function defaultPaths(encoderLength: number): MixerPath[] {
  const lengths = [Math.ceil(encoderLength / 4), Math.ceil((3 * encoderLength) / 4), encoderLength];
  return [...new Set(lengths)].map((length) => ({ length, every: 1 }));
}

/** The kind's card: name, one-line description and schema; the registry and the spec read it. */
export const multiscaleTsmixerKind = {
  schema: multiscaleTsmixerConfig,
  kind: "multiscale-tsmixer",
  description: "Multi-scale TSMixer: parallel paths over L/4, 3L/4 and L bars, fused, MSE",
};
