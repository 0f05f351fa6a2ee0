/**
 * Replicated fits: the same (fold, model) fitted under several seeds in one DAG. The engine
 * hands one seed to a run; a `replicate` axis (`replicate: sweep([0, 1, 2])`) gives each fit
 * its own model seed, derived from the run's seed and the replicate number
 * ({@link replicateSeed}: replicate 0 keeps the run's seed, so it is today's fit). Every
 * result carries its `replicate`, which `predictModel` passes on and `evaluate.replicates`
 * (`tasks/replicates.ts`) pools.
 *
 * These tasks wrap `trainModel` and `fitModel` (`train.ts`) without editing them, so a
 * pipeline that declares no replicate keeps every node key it had.
 */
import { z } from "zod";
import { defineTask, type TaskContext } from "../engine/task.ts";
import type { FittedModel, Fold, TrainResult } from "../models/contract.ts";
import { registeredKind } from "../models/registry.ts";
import { seedFrom } from "../models/tf/rng.ts";
import { fitModel, fitParams, trainModel } from "./train.ts";

/** A result of a replicated fit: which replicate, under which derived seed (`seed`). */
export type Replicated<T> = T & { replicate: number };

/** Model seed of `replicate` under the run's `seed`: the run's seed for replicate 0. */
export function replicateSeed(seed: number, replicate: number): number {
  return replicate === 0 ? seed : seedFrom("replicate", seed, replicate);
}

export const replicateParams = z.object({
  /** `{ kind, ...config }`, validated by the kind's schema as `fitModel` does. */
  model: z.object({ kind: z.string().min(1) }).passthrough(),
  /** Replicate number (0, 1, 2, …): sweep it to fit each model under several seeds. */
  replicate: z.number().int().min(0).max(9999),
}).strict().superRefine((params, ctx) => {
  const parsed = fitParams.safeParse({ model: params.model });
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  }
});

export type ReplicateParams = z.infer<typeof replicateParams>;

/** The node's context with the replicate's seed in place of the run's. */
function replicateContext(ctx: TaskContext, replicate: number): TaskContext {
  return { ...ctx, seed: replicateSeed(ctx.seed, replicate) };
}

const common = {
  kind: "train",
  module: import.meta.url,
  seeded: true,
  worker: true,
  usesBackend: true,
  params: replicateParams,
  implementation: (params: ReplicateParams) => registeredKind(params.model.kind).module,
} as const;

/** `trainModel` under the replicate's seed: fits and stores the model (predict with `predictModel`). */
export const trainReplicate = defineTask({
  ...common,
  name: "train.train-replicate",
  inputs: { fold: "required", upstream: "optional" },
  run: async (
    inputs: { fold: Fold; upstream?: TrainResult },
    params,
    ctx,
  ): Promise<Replicated<FittedModel>> => {
    const result = await trainModel.run(
      inputs,
      { model: params.model },
      replicateContext(ctx, params.replicate),
    );
    return { ...result, replicate: params.replicate };
  },
});

/** `fitModel` under the replicate's seed: fits and predicts in one node. */
export const fitReplicate = defineTask({
  ...common,
  name: "train.fit-replicate",
  inputs: { fold: "required", upstream: "optional" },
  run: async (
    inputs: { fold: Fold; upstream?: TrainResult },
    params,
    ctx,
  ): Promise<Replicated<TrainResult>> => {
    const result = await fitModel.run(
      inputs,
      { model: params.model },
      replicateContext(ctx, params.replicate),
    );
    return { ...result, replicate: params.replicate };
  },
});
