/**
 * The `tft` model kind for the registry: the Temporal Fusion Transformer trained by the
 * shared tfjs trainer, quantile loss by default.
 */
import type { ModelSpec } from "../contract.ts";
import { type TftConfig, tftConfig, tftKind } from "./config.ts";
import { loadTft, TftModel } from "./model.ts";

export const tftSpec: ModelSpec<TftConfig> = {
  ...tftKind,
  schema: tftConfig,
  create: (config, context) => new TftModel(config, context),
  load: (config, context, saved) => loadTft(config, context, saved),
};
