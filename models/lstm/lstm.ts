/**
 * The `lstm` model kind: a stacked LSTM on the past-feature window, point forecasts of the
 * next `horizon` returns, trained with MSE on standardised targets by the shared trainer.
 * It runs on the neural shell; with an upstream model (an `lstm` train node upstream) it
 * starts from its weights and, with `fineTune: "head"`, trains only the dense head.
 */
import type { ModelContext, ModelSpec } from "../contract.ts";
import { layersNetwork, type NeuralKind } from "../tf/shell/kind.ts";
import { NeuralModel } from "../tf/shell/model.ts";
import { pointLossConfig } from "../tf/model_config.ts";
import { seedFrom } from "../tf/rng.ts";
import { type LstmConfig, lstmConfig, lstmKind } from "./config.ts";
import { buildLstmNetwork, lstmLayers } from "./network.ts";

export { type LstmConfig, lstmConfig } from "./config.ts";

const KIND = lstmKind.kind;

function neuralKind(config: LstmConfig, context: ModelContext): NeuralKind {
  return {
    kind: KIND,
    seed: seedFrom(context.seed, KIND),
    backend: context.backend,
    reads: ["past"],
    trainer: config.training,
    loss: pointLossConfig(config),
    scaleTargets: true,
    quantiles: null,
    build: (shape, seed) => buildLstmNetwork(config, shape, seed),
    restore: (model) => layersNetwork(model, lstmLayers(config)),
    upstream: { head: ["head/"], freezeBackbone: config.fineTune === "head" },
  };
}

export const lstmSpec: ModelSpec<LstmConfig> = {
  ...lstmKind,
  schema: lstmConfig,
  accepts: { upstream: true },
  create: (config, context) => new NeuralModel(neuralKind(config, context)),
  load: async (config, context, saved) => {
    const kind = neuralKind(config, context);
    return new NeuralModel(kind, await NeuralModel.loaded(kind, saved));
  },
};
