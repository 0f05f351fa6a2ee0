/**
 * The `lstm` model kind: a stacked LSTM on the past-feature window, point forecasts of the
 * next `horizon` returns, trained with MSE on standardised targets by the shared trainer.
 */
import type { ModelContext, ModelSpec } from "../contract.ts";
import { pointLossConfig } from "../tf/model_config.ts";
import { seedFrom } from "../tf/rng.ts";
import {
  loadFittedNetwork,
  type WindowModelOptions,
  WindowNetworkModel,
} from "../tf/window_model.ts";
import { type LstmConfig, lstmConfig, lstmKind } from "./config.ts";
import { buildLstmNetwork } from "./network.ts";

export { type LstmConfig, lstmConfig } from "./config.ts";

const KIND = lstmKind.kind;

function options(config: LstmConfig, context: ModelContext): WindowModelOptions {
  return {
    kind: KIND,
    seed: seedFrom(context.seed, KIND),
    backend: context.backend,
    trainer: config.training,
    loss: pointLossConfig(config),
    build: (shape, seed) => buildLstmNetwork(config, shape, seed),
  };
}

export const lstmSpec: ModelSpec<LstmConfig> = {
  ...lstmKind,
  schema: lstmConfig,
  create: (config, context) => new WindowNetworkModel(options(config, context)),
  load: async (config, context, saved) =>
    new WindowNetworkModel(options(config, context), await loadFittedNetwork(KIND, saved)),
};
