/**
 * Configuration of the `tsmixer` model (single-scale TSMixer, Chen et al. 2023), with its
 * documented defaults (`tsmixerConfig.parse({})`): 2 mixer blocks over the whole encoder
 * window, feature MLP 64 wide, dropout 0.1, RevIN on, the head on past feature 0, no
 * known-future covariates.
 */
import { z } from "zod";
import { mixerFields } from "../mixer/kind_config.ts";

export const tsmixerConfig = z.object({
  ...mixerFields,
  /**
   * Mix the forecast steps' known-future covariates (the fold's calendar features) into the
   * head, as Darts' conditional TSMixer does (`models/mixer/conditional_head.ts`).
   */
  knownFuture: z.boolean().default(false),
}).strict();

export type TsmixerConfig = z.infer<typeof tsmixerConfig>;

/** The kind's card: name, one-line description and schema; the registry and the spec read it. */
export const tsmixerKind = {
  schema: tsmixerConfig,
  kind: "tsmixer",
  description: "TSMixer (2 time/feature-mixing blocks, RevIN) over the past window, MSE",
};
