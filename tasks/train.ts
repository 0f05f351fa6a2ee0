/**
 * Train node: one (fold, model configuration) pair in, a {@link TrainResult} out —
 * forecasts for the validation and test origins with the rows they score, the per-epoch
 * history, the interpretation and the saved weights.
 *
 * The model kind comes from the catalog (`models/catalog.ts`) by `params.model.kind`: its
 * config is validated by that kind's schema when the DAG loads (errors name the field), the
 * node's cache key covers the kind's implementation module (`implementation`), not every
 * model's, and the spec is imported from that module only when the node runs. Every kind
 * goes through the same {@link ForecastModel} calls: this task never special-cases a model. It runs in a Worker
 * so folds train in parallel; the compute backend is part of its cache key, and tfjs is
 * put on that backend (an error, never a fallback, if it cannot start).
 */
import { z } from "zod";
import { defineTask, type TaskContext } from "../engine/task.ts";
import type {
  EpochRecord,
  FitReport,
  Fold,
  Forecast,
  ForecastModel,
  ScoredRows,
  SplitName,
  TrainResult,
} from "../models/contract.ts";
import { catalogEntry, loadModelSpec, MODEL_CATALOG } from "../models/catalog.ts";
import { type BackendChoice, initBackend, softwareAdapterWarning } from "../models/tf/backend.ts";

const modelParams = z.object({ kind: z.string().min(1) }).passthrough();

/** Issues of `config` against its kind's schema, with paths under `model`. */
function configIssues(config: { kind: string }): { path: PropertyKey[]; message: string }[] {
  if (!MODEL_CATALOG.has(config.kind)) {
    const known = [...MODEL_CATALOG.keys()].sort().join(", ");
    return [{
      path: ["model", "kind"],
      message: `unknown model kind "${config.kind}"; known: ${known}`,
    }];
  }
  const { kind: _kind, ...rest } = config;
  const result = catalogEntry(config.kind).schema.safeParse(rest);
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

/** The realised rows a split's forecasts are scored on. */
export function scoredRows(fold: Fold, split: SplitName): ScoredRows {
  const origins = fold.splits[split];
  const h = fold.horizon;
  const actual = new Float32Array(origins.length * h);
  origins.forEach((o, i) => {
    for (let step = 0; step < h; step++) actual[i * h + step] = fold.target[o + 1 + step];
  });
  return {
    dates: Array.from(origins, (o) => fold.dates[o + 1]),
    actual,
    regime: Array.from(origins, (o) => fold.regime[o]),
  };
}

/**
 * The fold's training split: first and last training target date (the first origin's step 1,
 * the last origin's step H) and the number of training origins.
 */
export function trainSpan(fold: Fold): NonNullable<TrainResult["trainSpan"]> {
  const origins = fold.splits.train;
  let first = origins[0];
  let last = origins[0];
  for (const o of origins) {
    if (o < first) first = o;
    if (o > last) last = o;
  }
  return {
    first: fold.dates[first + 1],
    last: fold.dates[last + fold.horizon],
    rows: origins.length,
  };
}

/** Plain data for the store: optional fields absent rather than undefined. */
function scoredForecast(forecast: Forecast, fold: Fold): Forecast & ScoredRows {
  const out: Forecast & ScoredRows = {
    split: forecast.split,
    origins: forecast.origins,
    horizon: forecast.horizon,
    point: forecast.point,
    ...scoredRows(fold, forecast.split),
  };
  if (forecast.quantiles) out.quantiles = forecast.quantiles;
  if (forecast.variance) out.variance = forecast.variance;
  return out;
}

function checkFold(fold: Fold, nodeId: string): void {
  if (!fold || !fold.splits || !(fold.target instanceof Float32Array)) {
    throw new Error(`${nodeId}: input "fold" is not a Fold (connect it to a split node)`);
  }
  if (fold.splits.train.length === 0) {
    throw new Error(`${nodeId}: fold ${fold.id} has no training origins`);
  }
}

/** "tft fold f: train loss 0.47, val loss 0.36, val DA 52.8%" (the engine shows the epoch). */
function epochMessage(record: EpochRecord, what: string): string {
  const parts = [`train loss ${record.trainLoss.toPrecision(4)}`];
  if (record.validationLoss !== null) {
    parts.push(`val loss ${record.validationLoss.toPrecision(4)}`);
  }
  if (record.validationDirectionalAccuracy !== null) {
    parts.push(`val DA ${(100 * record.validationDirectionalAccuracy).toFixed(1)}%`);
  }
  return `${what}: ${parts.join(", ")}`;
}

/**
 * Fits the model, reporting each epoch as progress. The fit time goes to the run ledger as
 * the metric `<label>.fit_seconds`, never into the output: a node's output is a function of
 * its key, so refitting the same key gives the same bytes and leaves downstream cached.
 */
async function fitWithProgress(
  model: ForecastModel,
  fold: Fold,
  ctx: TaskContext,
  label: string,
): Promise<FitReport> {
  const started = performance.now();
  const fit = await model.fit(fold, {
    signal: ctx.signal,
    onEpoch: (record, epochs) => {
      ctx.progress({
        epoch: record.epoch,
        epochs,
        fraction: record.epoch / epochs,
        message: epochMessage(record, `${label} fold ${fold.id}`),
      });
    },
  });
  ctx.metric(`${label}.fit_seconds`, (performance.now() - started) / 1000);
  return fit;
}

export const fitModel = defineTask({
  name: "train.fit-model",
  kind: "train",
  module: import.meta.url,
  worker: true,
  seeded: true,
  usesBackend: true,
  params: fitParams,
  inputs: { fold: "required" },
  implementation: (params) => catalogEntry(params.model.kind).module,
  run: async ({ fold }: { fold: Fold }, params, ctx): Promise<TrainResult> => {
    checkFold(fold, ctx.nodeId);
    const { kind, ...raw } = params.model;
    const spec = await loadModelSpec(kind);
    const config = spec.schema.parse(raw) as Record<string, unknown>;
    const label = ctx.coords.model ?? kind;
    if (ctx.backend !== "none") {
      const active = await initBackend(ctx.backend as BackendChoice);
      const warning = await softwareAdapterWarning(active);
      if (warning) ctx.warn(warning);
    }
    const model = spec.create(config, { seed: ctx.seed, backend: ctx.backend });
    try {
      const fit = await fitWithProgress(model, fold, ctx, label);
      const test = scoredForecast(await model.predict(fold, "test"), fold);
      const validation = fold.splits.validation.length > 0
        ? scoredForecast(await model.predict(fold, "validation"), fold)
        : null;
      const explanation = model.explain ? await model.explain(fold, "test") : null;
      const weights = model.save ? await model.save() : null;
      if (fit.selectedEpoch !== null) ctx.metric(`${label}.selected_epoch`, fit.selectedEpoch);
      return {
        model: kind,
        label,
        config,
        foldId: fold.id,
        testYear: fold.testYear,
        frequency: fold.frequency,
        horizon: fold.horizon,
        test,
        validation,
        fit,
        explanation,
        weights,
        backend: ctx.backend,
        seed: ctx.seed,
        trainSpan: trainSpan(fold),
      };
    } finally {
      model.dispose?.();
    }
  },
});
