/**
 * A TSMixer network (`network.ts`) as the neural shell drives it, shared by the `tsmixer`
 * and `multiscale-tsmixer` kinds: built on the shell's `past` input for a fold's sizes, with
 * the heads (and fusion) as the output group and the mixer blocks (and the series embedding) as
 * the encoder group of the gradient-norm diagnostic. With `seriesEmbedding` it also reads the
 * `static` group, whose "series" column holds each window's series id (a constituents panel
 * view). Errors name the kind and the field to change.
 */
import type * as tf from "@tensorflow/tfjs";
import { seedFrom } from "../tf/rng.ts";
import { symbolicInputs } from "../tf/shell/inputs.ts";
import {
  type InputGroup,
  layersNetwork,
  type Network,
  type NeuralKind,
  type NeuralShape,
} from "../tf/shell/kind.ts";
import { pointLossConfig } from "../tf/model_config.ts";
import type { Fold, ModelContext } from "../contract.ts";
import type { MixerKindConfig } from "./kind_config.ts";
import { buildTsMixer, type MixerPath } from "./network.ts";
import { seriesIdsOf } from "./series_embedding.ts";

const readsOf = (args: MixerKindArgs): InputGroup[] => [
  ...(args.config.seriesEmbedding > 0 ? ["static" as const] : []),
  "past",
  ...(args.knownFuture ? ["known" as const] : []),
];

/** Heads and fusion (output) and mixer blocks (encoder) of a built or reloaded model. */
export function mixerLayers(model: tf.LayersModel): { output: string[]; encoder: string[] } {
  const names = model.layers.map((layer) => layer.name);
  return {
    output: names.filter((n) => n.startsWith("head_") || n === "fuse" || n === "gate"),
    encoder: names.filter((n) => n.startsWith("mixer_") || n === "series_embedding"),
  };
}

export interface MixerKindArgs {
  kind: string;
  config: MixerKindConfig;
  /** The paths for a fold's encoder length. */
  paths(encoderLength: number): MixerPath[];
  fuse: "concat" | "gate";
  /** Read the known-future covariates and mix them into each path's head. */
  knownFuture?: boolean;
}

export function buildMixerNetwork(
  args: MixerKindArgs,
  shape: NeuralShape,
  seed: number,
  /** The fold the network is built for; needed (for its series ids) with `seriesEmbedding`. */
  fold?: Fold,
): Network {
  const { kind, config } = args;
  if (config.target >= shape.pastSize) {
    throw new Error(
      `${kind}: config field "target" is ${config.target}, but the fold has ` +
        `${shape.pastSize} past features; set it to the index of the lagged return`,
    );
  }
  const paths = args.paths(shape.encoderLength);
  for (const path of paths) {
    if (path.length * path.every > shape.encoderLength) {
      throw new Error(
        `${kind}: config field "paths" has a path of ${path.length} steps × ${path.every} ` +
          `bars, longer than the fold's encoder length ${shape.encoderLength}; ` +
          "shorten the path or lengthen the encoder window",
      );
    }
  }
  if (args.knownFuture && shape.knownSize === 0) {
    throw new Error(
      `${kind}: config field "knownFuture" is true, but the fold has no known-future ` +
        "features; set it to false or give the split known (calendar) features",
    );
  }
  const reads = readsOf(args);
  const inputs = symbolicInputs(reads, shape);
  const inputOf = (group: InputGroup) =>
    inputs[reads.indexOf(group)] as tf.SymbolicTensor | undefined;
  const [input, known] = [inputOf("past")!, inputOf("known")];
  const dim = config.seriesEmbedding;
  if (dim > 0 && !fold) throw new Error(`${kind}: a series embedding is built for a fold`);
  const series = dim > 0 ? { input: inputOf("static")!, dim, ...seriesIdsOf(kind, fold!) } : null;
  const model = buildTsMixer({
    window: shape.encoderLength,
    channels: shape.pastSize,
    horizon: shape.horizon,
    target: config.target,
    blocks: config.blocks,
    ffDim: config.ffDim,
    dropout: config.dropout,
    revin: config.revin,
    paths,
    fuse: args.fuse,
    seed: seedFrom(seed, "tsmixer") % 1_000_000,
    input,
    ...(known ? { known } : {}),
    ...(series ? { series } : {}),
    name: kind.replace("-", "_"),
  });
  return layersNetwork(model, mixerLayers(model));
}

/** The shell's view of a mixer kind. */
export function mixerNeuralKind(args: MixerKindArgs, context: ModelContext): NeuralKind {
  return {
    kind: args.kind,
    seed: seedFrom(context.seed, args.kind),
    backend: context.backend,
    reads: readsOf(args),
    trainer: args.config.training,
    loss: pointLossConfig(args.config),
    scaleTargets: true,
    quantiles: null,
    build: (shape, seed, fold) => buildMixerNetwork(args, shape, seed, fold),
    restore: (model) => layersNetwork(model, mixerLayers(model)),
  };
}
