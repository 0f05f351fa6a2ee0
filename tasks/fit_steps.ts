/**
 * The steps the train tasks share (`tasks/train.ts` fits, `tasks/predict.ts` predicts from a
 * stored fit): the rows a split scores, the training span, fold checks, the backend, and a
 * fit that reports its epochs as progress.
 */
import type { TaskContext } from "../engine/task.ts";
import type {
  EpochRecord,
  FitReport,
  Fold,
  Forecast,
  ForecastModel,
  ScoredRows,
  SplitName,
  TrainResult,
  UpstreamModel,
} from "../models/contract.ts";
import { type BackendChoice, initBackend, softwareAdapterWarning } from "../models/tf/backend.ts";

/** Puts tfjs on the node's backend (an error, never a fallback), warning on a software GPU. */
export async function startBackend(ctx: TaskContext): Promise<void> {
  if (ctx.backend === "none") return;
  const active = await initBackend(ctx.backend as BackendChoice);
  const warning = await softwareAdapterWarning(active);
  if (warning) ctx.warn(warning);
}

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
export function scoredForecast(forecast: Forecast, fold: Fold): Forecast & ScoredRows {
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

export function checkFold(fold: Fold, nodeId: string): void {
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
export async function fitWithProgress(
  model: ForecastModel,
  fold: Fold,
  ctx: TaskContext,
  { label, upstream }: { label: string; upstream?: UpstreamModel },
): Promise<FitReport> {
  const started = performance.now();
  const fit = await model.fit(fold, {
    signal: ctx.signal,
    ...(upstream ? { upstream } : {}),
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
