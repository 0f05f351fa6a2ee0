/**
 * Train node: one (fold, model configuration) pair in, a {@link TrainResult} out —
 * forecasts for the validation and test origins with the rows they score, the per-epoch
 * history, the interpretation and the saved weights.
 *
 * The model kind comes from the registry (`models/registry.ts`) by `params.model.kind`: its
 * config is validated by that kind's schema when the DAG loads (errors name the field), the
 * node's cache key covers the kind's spec module and its closure (`implementation`), not
 * every model's, and the spec is imported from that module only when the node runs. Every
 * kind goes through the same {@link ForecastModel} calls: this task never special-cases a
 * model. It runs in a Worker so folds train in parallel; the compute backend is part of its
 * cache key, and tfjs is put on that backend (an error, never a fallback, if it cannot start).
 *
 * An optional `upstream` input, the output of another train node mapped over the same fold
 * axis, reaches the fit as `FitOptions.upstream` (pretrain → fine-tune, feature learner →
 * forecaster), for kinds whose spec `accepts.upstream`; see `upstream.ts`.
 *
 * `fitModel` fits and predicts in one node. `trainModel` only fits (on a fold's training view,
 * `training_view.ts`) and stores the model; `predictModel` (`predict.ts`) predicts the test
 * split from it. A revision of test-period rows then re-predicts without refitting.
 */
import { z } from "zod";
import { defineTask, type TaskContext } from "../engine/task.ts";
import type {
  FitReport,
  FittedModel,
  Fold,
  ForecastModel,
  TrainResult,
  UpstreamModel,
} from "../models/contract.ts";
import { loadModelSpec, MODEL_KINDS, registeredKind } from "../models/registry.ts";
import {
  checkFold,
  fitWithProgress,
  scoredForecast,
  startBackend,
  trainSpan,
} from "./fit_steps.ts";
import { upstreamModel } from "./upstream.ts";

export { scoredRows, trainSpan } from "./fit_steps.ts";

const modelParams = z.object({ kind: z.string().min(1) }).passthrough();

/** Issues of `config` against its kind's schema, with paths under `model`. */
function configIssues(config: { kind: string }): { path: PropertyKey[]; message: string }[] {
  if (!MODEL_KINDS.has(config.kind)) {
    const known = [...MODEL_KINDS.keys()].sort().join(", ");
    return [{
      path: ["model", "kind"],
      message: `unknown model kind "${config.kind}"; known: ${known}`,
    }];
  }
  const { kind: _kind, ...rest } = config;
  const result = registeredKind(config.kind).schema.safeParse(rest);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: ["model", ...issue.path],
    message: `${config.kind} config: ${issue.message}`,
  }));
}

export const fitParams = z.object({
  /** `{ kind, ...config }`: a registered model kind and its configuration. */
  model: modelParams,
}).strict().superRefine((params, ctx) => {
  for (const issue of configIssues(params.model)) ctx.addIssue({ code: "custom", ...issue });
});

export type FitParams = z.infer<typeof fitParams>;

/** A created model of the node's kind, before its fit. */
interface Setup {
  kind: string;
  label: string;
  config: Record<string, unknown>;
  model: ForecastModel;
  upstream?: UpstreamModel;
}

async function setUp(
  { fold, upstream }: { fold: Fold; upstream?: TrainResult },
  params: FitParams,
  ctx: TaskContext,
): Promise<Setup> {
  checkFold(fold, ctx.nodeId);
  const { kind, ...raw } = params.model;
  const spec = await loadModelSpec(kind);
  const fromUpstream = upstreamModel(upstream, { spec, fold, nodeId: ctx.nodeId });
  const config = spec.schema.parse(raw) as Record<string, unknown>;
  const label = ctx.coords.model ?? kind;
  await startBackend(ctx);
  const model = spec.create(config, { seed: ctx.seed, backend: ctx.backend });
  return { kind, label, config, model, ...(fromUpstream ? { upstream: fromUpstream } : {}) };
}

async function fitted(setup: Setup, fold: Fold, ctx: TaskContext): Promise<FitReport> {
  const fit = await fitWithProgress(setup.model, fold, ctx, setup);
  if (fit.selectedEpoch !== null) ctx.metric(`${setup.label}.selected_epoch`, fit.selectedEpoch);
  return fit;
}

/** The parts of a result that describe the fit, whatever the node predicts. */
function fitRecord(setup: Setup, fold: Fold, ctx: TaskContext) {
  return {
    model: setup.kind,
    label: setup.label,
    config: setup.config,
    foldId: fold.id,
    testYear: fold.testYear,
    frequency: fold.frequency,
    horizon: fold.horizon,
    backend: ctx.backend,
    seed: ctx.seed,
    trainSpan: trainSpan(fold),
  };
}

const validationOf = async (model: ForecastModel, fold: Fold) =>
  fold.splits.validation.length > 0
    ? scoredForecast(await model.predict(fold, "validation"), fold)
    : null;

/** Fits on the fold and predicts its validation and test splits, in one node. */
export const fitModel = defineTask({
  name: "train.fit-model",
  kind: "train",
  module: import.meta.url,
  worker: true,
  seeded: true,
  usesBackend: true,
  params: fitParams,
  inputs: { fold: "required", upstream: "optional" },
  implementation: (params) => registeredKind(params.model.kind).module,
  run: async (
    inputs: { fold: Fold; upstream?: TrainResult },
    params,
    ctx,
  ): Promise<TrainResult> => {
    const { fold } = inputs;
    const setup = await setUp(inputs, params, ctx);
    const { model } = setup;
    try {
      const fit = await fitted(setup, fold, ctx);
      const test = scoredForecast(await model.predict(fold, "test"), fold);
      const validation = await validationOf(model, fold);
      const explanation = model.explain ? await model.explain(fold, "test") : null;
      const weights = model.save ? await model.save() : null;
      return { ...fitRecord(setup, fold, ctx), test, validation, fit, explanation, weights };
    } finally {
      model.dispose?.();
    }
  },
});

/**
 * Fits on the fold (its training view: test rows are not read) and stores the model with its
 * validation forecasts; `predictModel` adds the test forecasts. `fitKey` is this node's key,
 * so the predict node, whose own key cannot name the model's code, reruns whenever the fit's
 * code or inputs change.
 */
export const trainModel = defineTask({
  name: "train.train-model",
  kind: "train",
  module: import.meta.url,
  seeded: true,
  worker: true,
  usesBackend: true,
  params: fitParams,
  inputs: { fold: "required", upstream: "optional" },
  implementation: (params) => registeredKind(params.model.kind).module,
  run: async (
    inputs: { fold: Fold; upstream?: TrainResult },
    params,
    ctx,
  ): Promise<FittedModel> => {
    const { fold } = inputs;
    const setup = await setUp(inputs, params, ctx);
    const { model } = setup;
    try {
      if (!model.save) {
        throw new Error(
          `${ctx.nodeId}: model kind "${setup.kind}" cannot save a fitted model, so it cannot ` +
            "be trained apart from its predictions; use fitModel for this kind",
        );
      }
      const fit = await fitted(setup, fold, ctx);
      const validation = await validationOf(model, fold);
      const weights = await model.save();
      return { ...fitRecord(setup, fold, ctx), validation, fit, weights, fitKey: ctx.key ?? null };
    } finally {
      model.dispose?.();
    }
  },
});
