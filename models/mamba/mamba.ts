/**
 * The `mamba` model kind: a stack of Mamba blocks (selective state-space, Gu & Dao 2023) on
 * the past-feature window, point forecasts of the next `horizon` returns, trained with MSE
 * on standardised targets by the shared trainer (on the neural shell). A fitted model also
 * opens a {@link MambaStream}: recurrent inference, O(1) per new bar.
 */
import type { Fold, ModelContext, ModelSpec } from "../contract.ts";
import { pointLossConfig } from "../tf/model_config.ts";
import { seedFrom } from "../tf/rng.ts";
import type { Fitted } from "../tf/shell/fitted.ts";
import { layersNetwork, type NeuralKind } from "../tf/shell/kind.ts";
import { NeuralModel } from "../tf/shell/model.ts";
import { type MambaConfig, mambaConfig, mambaKind } from "./config.ts";
import { buildMambaNetwork, mambaLayers } from "./network.ts";
import { MambaStream } from "./recurrent.ts";

export { type MambaConfig, mambaConfig } from "./config.ts";

const KIND = mambaKind.kind;

function neuralKind(config: MambaConfig, context: ModelContext): NeuralKind {
  return {
    kind: KIND,
    seed: seedFrom(context.seed, KIND),
    backend: context.backend,
    reads: ["past"],
    trainer: config.training,
    loss: pointLossConfig(config),
    scaleTargets: true,
    quantiles: null,
    build: (shape, seed) => buildMambaNetwork(config, shape, seed),
    restore: (model) => layersNetwork(model, mambaLayers(config)),
  };
}

export class MambaModel extends NeuralModel {
  constructor(config: MambaConfig, context: ModelContext, restored?: Fitted) {
    super(neuralKind(config, context), restored ?? null);
  }

  /** A recurrent stream over the fitted network, from a zero state; checked against `fold`. */
  stream(fold: Fold): MambaStream {
    const { network, scale } = this.fittedFor(fold);
    return new MambaStream(network.model, scale);
  }
}

export const mambaSpec: ModelSpec<MambaConfig> = {
  ...mambaKind,
  schema: mambaConfig,
  create: (config, context) => new MambaModel(config, context),
  load: async (config, context, saved) =>
    new MambaModel(config, context, await NeuralModel.loaded(neuralKind(config, context), saved)),
};
