/**
 * The `tft` model kind for the registry: the Temporal Fusion Transformer trained by the
 * shared tfjs trainer, quantile loss by default.
 */
import type { ModelSpec } from "../contract.ts";
import { type TftConfig, tftConfig } from "./config.ts";
import { TFT_KIND } from "./inputs.ts";
import { loadTft, TftModel } from "./model.ts";

export const tftSpec: ModelSpec<TftConfig> = {
  kind: TFT_KIND,
  description:
    "Temporal Fusion Transformer (Lim et al. 2021, pytorch-forecasting layout): variable " +
    "selection, static encoders, LSTM encoder/decoder, interpretable attention, quantiles",
  schema: tftConfig,
  create: (config, context) => new TftModel(config, context),
  load: (config, context, saved) => loadTft(config, context, saved),
};
