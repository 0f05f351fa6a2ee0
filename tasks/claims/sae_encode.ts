/**
 * Feature-learning node of claim 1: a stacked autoencoder (`models/sae/`) fitted on one
 * fold's training rows only (the rows up to its last training origin), then every row of the
 * fold encoded, and the codes standardised with the training rows' statistics. The output is
 * the same fold with the codes as its past features, so any model kind (the LSTM, the
 * gradient-boosted trees) reads them through the usual train task.
 *
 * It is a stage of its own, not a model kind, because the study trains it apart from the
 * forecaster (greedy, unsupervised, layer by layer) and two forecasters read its output.
 */
import { z } from "zod";
import { defineTask } from "../../engine/task.ts";
import { encode, fitStackedAutoencoder } from "../../models/sae/stacked_autoencoder.ts";
import { seedFrom } from "../../models/tf/rng.ts";
import { fitStandardizer, standardize } from "../../data/scaler.ts";
import type { ClaimFold } from "./wavelet_fold.ts";

export const saeParams = z.object({
  layers: z.number().int().min(1).max(8).default(4),
  hidden: z.number().int().min(1).max(256).default(10),
  epochs: z.number().int().min(1).default(300),
  learningRate: z.number().positive().default(0.01),
  weightDecay: z.number().min(0).default(1e-4),
}).strict();

export type SaeParams = z.infer<typeof saeParams>;

/** The fold with its past features replaced by the autoencoder's codes. */
export function encodeFold(fold: ClaimFold, params: SaeParams, seed: number): ClaimFold {
  const { rows, cols, values } = fold.past;
  const trainRows = fold.splits.train[fold.splits.train.length - 1] + 1;
  const layers = fitStackedAutoencoder(
    { rows: trainRows, cols, values: Float64Array.from(values.subarray(0, trainRows * cols)) },
    { ...params, seed },
  );
  const codes = encode(layers, { rows, cols, values: Float64Array.from(values) });
  const names = Array.from({ length: codes.cols }, (_, j) => `code_${j + 1}`);
  const columns = names.map((_, j) =>
    Float64Array.from({ length: rows }, (_, t) => codes.values[t * codes.cols + j])
  );
  const scaler = fitStandardizer(names, columns, { from: 0, to: trainRows });
  return {
    ...fold,
    past: {
      rows,
      cols: codes.cols,
      values: standardize(columns, scaler, { rows: { from: 0, to: rows } }),
    },
    pastNames: names,
    scaler: {
      names: [...fold.scaler.names, ...names],
      mean: [...fold.scaler.mean, ...scaler.mean],
      std: [...fold.scaler.std, ...scaler.std],
    },
  };
}

export const encodeWithAutoencoder = defineTask({
  name: "encode.stacked-autoencoder",
  kind: "encode",
  module: import.meta.url,
  seeded: true,
  params: saeParams,
  inputs: { fold: "required" },
  run: ({ fold }: { fold: ClaimFold }, params, ctx): ClaimFold => {
    if (!fold?.past || !Array.isArray(fold.departures)) {
      throw new Error(`${ctx.nodeId}: input "fold" must be a waveletFold node`);
    }
    const encoded = encodeFold(fold, params, seedFrom(ctx.seed, "sae", fold.id));
    ctx.progress({ message: `${fold.id}: ${encoded.past.cols} codes`, fraction: 1 });
    return encoded;
  },
});
