/**
 * TSMixer networks (Chen et al. 2023) on [batch, window, channels] inputs, forecasting the
 * target channel `horizon` steps ahead:
 *
 *   [RevIN] → per path: WindowScale → n × MixerBlock → TargetHead → fuse → [RevIN⁻¹]
 *
 * One path with `every: 1` over the whole window is the paper's single-scale TSMixer. Several
 * paths make the multi-scale TSMixer: each mixes its own input length (the last 20, 60 and 80
 * bars, say) or its own resampling (weekly means of daily bars), and their forecasts are fused
 * by a dense layer over the concatenation or by a learned softmax gate. Given known-future
 * covariates, each path's head mixes the forecast steps' covariates in (`ConditionalHead`).
 * Given a series id (a panel of several series, one global model), a learned per-series vector
 * is appended to every step of the normalised window before the paths (`SeriesEmbedding`,
 * TSMixer-Ext's static-feature path), so every block mixes it with each step's features.
 */
import * as tf from "@tensorflow/tfjs";
import { ConditionalHead } from "./conditional_head.ts";
import { MixerBlock } from "./mixer_block.ts";
import { SeriesEmbedding } from "./series_embedding.ts";
import { Revin, ScaleGate, TargetHead, WindowScale } from "./window_layers.ts";

export interface MixerPath {
  /** Steps this path mixes (after resampling). */
  length: number;
  /** Bars averaged into one step: 1 keeps the bars. */
  every: number;
}

export interface TsMixerNetworkArgs {
  window: number;
  channels: number;
  horizon: number;
  /** Index of the target channel (the lagged return) in the input. */
  target: number;
  blocks: number;
  ffDim: number;
  dropout: number;
  revin: boolean;
  paths: MixerPath[];
  fuse: "concat" | "gate";
  seed: number;
  /** The input to build on ([batch, window, channels]); a fresh unnamed input by default. */
  input?: tf.SymbolicTensor;
  /** The model's name. */
  name?: string;
  /**
   * Known-future covariates ([batch, window + horizon, F]): each path's head becomes a
   * `ConditionalHead` that mixes the forecast steps' covariates in.
   */
  known?: tf.SymbolicTensor;
  /**
   * A per-series embedding: the static input ([batch, S]) whose `column` holds the series id,
   * the number of ids and the embedding width; its `dim` channels join the window's.
   */
  series?: { input: tf.SymbolicTensor; column: number; vocabulary: number; dim: number };
}

export function buildTsMixer(args: TsMixerNetworkArgs): tf.LayersModel {
  const { window, channels, horizon, target, paths } = args;
  if (paths.length === 0) throw new Error("a TSMixer needs at least one path");
  for (const path of paths) {
    if (path.length * path.every > window) {
      throw new Error(
        `TSMixer path of ${path.length} steps × ${path.every} bars needs a window of ` +
          `${
            path.length * path.every
          } bars; the window has ${window}: lengthen it or shorten the path`,
      );
    }
  }
  if (!(target >= 0 && target < channels)) {
    throw new Error(`TSMixer target channel ${target} is outside the ${channels} channels`);
  }
  const input = args.input ?? tf.input({ shape: [window, channels] });
  const normalised = args.revin
    ? new Revin({ mode: "normalise", target, name: "revin" }).apply(input) as tf.SymbolicTensor
    : input;
  const series = args.series;
  const mixed = series
    ? new SeriesEmbedding({
      column: series.column,
      vocabulary: series.vocabulary,
      dim: series.dim,
      seed: args.seed + 5,
      name: "series_embedding",
    }).apply([normalised, series.input]) as tf.SymbolicTensor
    : normalised;
  const width = channels + (series?.dim ?? 0);
  const forecasts = paths.map((path, p) => {
    let x = new WindowScale({ ...path, name: `scale_${p}` }).apply(mixed) as tf.SymbolicTensor;
    for (let k = 0; k < args.blocks; k++) {
      x = new MixerBlock({
        length: path.length,
        channels: width,
        ffDim: args.ffDim,
        dropout: args.dropout,
        seed: args.seed + 1000 * p + 10 * k,
        name: `mixer_${p}_${k}`,
      }).apply(x) as tf.SymbolicTensor;
    }
    const seed = args.seed + 1000 * p + 999;
    if (args.known) {
      return new ConditionalHead({ target, horizon, ffDim: args.ffDim, seed, name: `head_${p}` })
        .apply([x, args.known]) as tf.SymbolicTensor;
    }
    return new TargetHead({ target, horizon, seed, name: `head_${p}` }).apply(
      x,
    ) as tf.SymbolicTensor;
  });
  let fused = forecasts[0];
  if (forecasts.length > 1 && args.fuse === "concat") {
    fused = tf.layers.dense({
      units: horizon,
      kernelInitializer: tf.initializers.glorotUniform({ seed: args.seed + 7 }),
      name: "fuse",
    }).apply(tf.layers.concatenate({ name: "concat" }).apply(forecasts)) as tf.SymbolicTensor;
  } else if (forecasts.length > 1) {
    // Named layers: auto-generated names count up per process, and saved weights carry them.
    const stacked = tf.layers.concatenate({ axis: 1, name: "stack" }).apply(
      forecasts.map((f, p) =>
        tf.layers.reshape({ targetShape: [1, horizon], name: `unsqueeze_${p}` })
          .apply(f) as tf.SymbolicTensor
      ),
    ) as tf.SymbolicTensor;
    fused = new ScaleGate({ name: "gate" }).apply(stacked) as tf.SymbolicTensor;
  }
  const output = args.revin
    ? new Revin({ mode: "restore", target, name: "revin_restore" }).apply([fused, input])
    : fused;
  // Inputs in the shell's group order: static, past, known.
  const inputs = [...(series ? [series.input] : []), input, ...(args.known ? [args.known] : [])];
  return tf.model({
    inputs: inputs.length === 1 ? input : inputs,
    outputs: output as tf.SymbolicTensor,
    name: args.name,
  });
}
