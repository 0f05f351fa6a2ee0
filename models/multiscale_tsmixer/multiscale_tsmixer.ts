/**
 * The `multiscale-tsmixer` model kind: parallel TSMixer paths over several input lengths of
 * the past-feature window (by default the last ⌈L/4⌉, ⌈3L/4⌉ and L bars; paths may also
 * average `every` bars into one step, e.g. weekly means of daily bars), each with its own
 * blocks and head, fused by a dense layer over their forecasts or by a learned softmax gate.
 * Point forecasts of the next `horizon` returns, trained with MSE on standardised targets by
 * the shared trainer (on the neural shell). Its single-scale ablations are `tsmixer` configs.
 */
import type { ModelContext, ModelSpec } from "../contract.ts";
import { type MixerKindArgs, mixerNeuralKind } from "../mixer/kind_network.ts";
import { NeuralModel } from "../tf/shell/model.ts";
import {
  defaultPaths,
  type MultiscaleTsmixerConfig,
  multiscaleTsmixerConfig,
  multiscaleTsmixerKind,
} from "./config.ts";

export { type MultiscaleTsmixerConfig, multiscaleTsmixerConfig } from "./config.ts";

function neuralKind(config: MultiscaleTsmixerConfig, context: ModelContext) {
  const args: MixerKindArgs = {
    kind: multiscaleTsmixerKind.kind,
    config,
    paths: (encoderLength) => config.paths ?? defaultPaths(encoderLength),
    fuse: config.fuse,
  };
  return mixerNeuralKind(args, context);
}

export const multiscaleTsmixerSpec: ModelSpec<MultiscaleTsmixerConfig> = {
  ...multiscaleTsmixerKind,
  schema: multiscaleTsmixerConfig,
  create: (config, context) => new NeuralModel(neuralKind(config, context)),
  load: async (config, context, saved) => {
    const kind = neuralKind(config, context);
    return new NeuralModel(kind, await NeuralModel.loaded(kind, saved));
  },
};
