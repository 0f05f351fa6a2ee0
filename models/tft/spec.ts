/**
 * The `tft` model kind for the registry: the Temporal Fusion Transformer trained by the
 * shared tfjs trainer on the neural shell, quantile loss by default; it accepts an upstream
 * model to fine-tune.
 */
import type { ModelSpec } from "../contract.ts";
import { NeuralModel } from "../tf/shell/model.ts";
import { type TftConfig, tftConfig, tftKind } from "./config.ts";
import { TftModel, tftNeuralKind } from "./model.ts";

export const tftSpec: ModelSpec<TftConfig> = {
  ...tftKind,
  schema: tftConfig,
  accepts: { upstream: true },
  create: (config, context) => new TftModel(config, context),
  load: async (config, context, saved) =>
    new TftModel(config, context, await NeuralModel.loaded(tftNeuralKind(config, context), saved)),
};
