/**
 * The `tsmixer` model kind: the single-scale TSMixer (Chen et al. 2023) on the past-feature
 * window — RevIN (optional), `blocks` time- and feature-mixing residual blocks over the whole
 * encoder window (one path, `{ length: encoderLength, every: 1 }`), a temporal head on the
 * target channel — point forecasts of the next `horizon` returns, trained with MSE on
 * standardised targets by the shared trainer (on the neural shell). The single-scale
 * ablation of `multiscale-tsmixer`. With `knownFuture`, the conditional variant: the
 * forecast steps' known-future covariates are mixed into the head.
 */
import type { ModelContext, ModelSpec } from "../contract.ts";
import { type MixerKindArgs, mixerNeuralKind } from "../mixer/kind_network.ts";
import { NeuralModel } from "../tf/shell/model.ts";
import { type TsmixerConfig, tsmixerConfig, tsmixerKind } from "./config.ts";

export { type TsmixerConfig, tsmixerConfig } from "./config.ts";

function neuralKind(config: TsmixerConfig, context: ModelContext) {
  const args: MixerKindArgs = {
    kind: tsmixerKind.kind,
    config,
    paths: (encoderLength) => [{ length: encoderLength, every: 1 }],
    fuse: "concat",
    knownFuture: config.knownFuture,
  };
  return mixerNeuralKind(args, context);
}

export const tsmixerSpec: ModelSpec<TsmixerConfig> = {
  ...tsmixerKind,
  schema: tsmixerConfig,
  create: (config, context) => new NeuralModel(neuralKind(config, context)),
  load: async (config, context, saved) => {
    const kind = neuralKind(config, context);
    return new NeuralModel(kind, await NeuralModel.loaded(kind, saved));
  },
};
