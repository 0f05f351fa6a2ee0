/**
 * Node `fusion.index` (open kind "fusion"): the constituents' forecasts of one global model
 * (a train node on the `constituents` panel view) fused into an index forecast by one method
 * (models/fusion/fuse.ts) with one fold's point-in-time weights, returned as a
 * {@link TrainResult} on the index's rows, so the evaluation scores it exactly like the direct
 * forecast and always-long: same origins, same labels (the index's returns, column 0).
 * Weighted-decay picks its decay on the validation origins only.
 */
import { z } from "zod";
import { defineTask } from "../engine/task.ts";
import type { Forecast, ScoredRows, SplitName, TrainResult } from "../models/contract.ts";
import type { PanelFold } from "../models/panel_fold.ts";
import { viewCell } from "../models/fusion/panel_view.ts";
import {
  chooseDecay,
  decayForecasts,
  fuseForecasts,
  type MemberForecasts,
} from "../models/fusion/fuse.ts";
import type { FusionWeights } from "./fusion_weights.ts";

export const fusionParams = z.object({
  /** The method and, for the weighted ones, which point-in-time weights ("average" has none). */
  fusion: z.object({
    method: z.enum(["average", "weighted", "weighted-decay"]),
    weights: z.enum(["dollar-volume", "regression"]).default("dollar-volume"),
  }).strict(),
  /** Decays tried on the validation origins (weighted-decay); 0 is the weighted forecast. */
  decayGrid: z.array(z.number().min(0).lt(1)).min(1).default([0, 0.25, 0.5, 0.75, 0.9]),
  /** Caveats the report prints beside the fused results (e.g. the universe's bias). */
  notes: z.array(z.string().min(1)).default([]),
}).strict();

export type FusionParams = z.infer<typeof fusionParams>;

/** The constituents' forecasts of one split, on the panel fold's origins of that split. */
export function memberForecasts(
  fold: PanelFold,
  forecast: Forecast,
  split: SplitName,
): MemberForecasts {
  const origins = fold.splits[split];
  const at = new Map(Array.from(origins, (o, i) => [o, i]));
  const members = fold.members.length - 1;
  const H = forecast.horizon;
  const point = new Float64Array(origins.length * members * H).fill(NaN);
  forecast.origins.forEach((row, k) => {
    const cell = viewCell(fold, "constituents", row);
    const i = at.get(cell.row);
    if (i === undefined) {
      throw new Error(`${fold.id}: forecast origin ${row} is not a ${split} origin`);
    }
    for (let h = 0; h < H; h++) {
      point[(i * members + cell.member - 1) * H + h] = forecast.point[k * H + h];
    }
  });
  return { origins: origins.length, members, horizon: H, point };
}

/** The index's realised rows at the split's origins (column 0 of the panel fold). */
function indexRows(fold: PanelFold, split: SplitName): ScoredRows {
  const N = fold.members.length;
  const H = fold.horizon;
  const origins = fold.splits[split];
  const actual = new Float32Array(origins.length * H);
  origins.forEach((o, i) => {
    for (let h = 0; h < H; h++) actual[i * H + h] = fold.target[(o + 1 + h) * N];
  });
  return {
    dates: Array.from(origins, (o) => fold.dates[o + 1]),
    actual,
    regime: Array.from(origins, () => "all"),
  };
}

function checkCovered(fold: PanelFold, split: SplitName, fused: Float64Array, H: number) {
  const missing = Array.from(fold.splits[split]).filter((_, i) => !Number.isFinite(fused[i * H]));
  if (missing.length > 0) {
    const dates = missing.slice(0, 5).map((o) => fold.dates[o]).join(", ");
    throw new Error(
      `${fold.id}: ${missing.length} ${split} origins have no weighted constituent forecast ` +
        `(first: ${dates}); every index origin needs at least one constituent with weight`,
    );
  }
}

/** The fused forecasts of both splits, and what the fusion chose. */
export function fuseFold(
  fold: PanelFold,
  constituents: TrainResult,
  weights: FusionWeights,
  params: FusionParams,
) {
  const { method } = params.fusion;
  const w = method === "average"
    ? null
    : params.fusion.weights === "regression"
    ? weights.regression
    : weights.dollarVolume;
  const H = constituents.horizon;
  const fused = (split: SplitName, forecast: Forecast | null) =>
    forecast === null ? null : fuseForecasts(memberForecasts(fold, forecast, split), w);
  const test = fused("test", constituents.test)!;
  const validation = fused("validation", constituents.validation);
  const validationRows = indexRows(fold, "validation");
  let decay: number | null = null;
  let decayAccuracy: Record<string, number> = {};
  if (method === "weighted-decay") {
    const chosen = chooseDecay({
      fused: validation ?? new Float64Array(0),
      actual: validationRows.actual,
      horizon: H,
      grid: params.decayGrid,
    });
    decay = chosen.decay;
    decayAccuracy = chosen.accuracy;
  }
  const finish = (point: Float64Array) =>
    Float32Array.from(decay === null ? point : decayForecasts(point, H, decay));
  return {
    test: finish(test),
    validation: validation === null ? null : finish(validation),
    testRaw: test,
    weights: w,
    decay,
    decayAccuracy,
    validationRows,
  };
}

export const fuseIndex = defineTask({
  name: "fusion.index",
  kind: "fusion",
  module: import.meta.url,
  params: fusionParams,
  inputs: { fold: "required", forecasts: "required", weights: "required" },
  run: (
    { fold, forecasts, weights }: {
      fold: PanelFold;
      forecasts: TrainResult;
      weights: FusionWeights;
    },
    params,
    ctx,
  ): TrainResult => {
    if (fold?.kind !== "panel-fold" || weights?.kind !== "fusion-weights" || !forecasts?.test) {
      throw new Error(
        `${ctx.nodeId}: inputs must be { fold: a panelFold node, forecasts: a train node on its ` +
          `"constituents" panel view, weights: a fusion-weights node }`,
      );
    }
    if (forecasts.foldId !== `${fold.id}-constituents` || weights.foldId !== fold.id) {
      throw new Error(
        `${ctx.nodeId}: forecasts (${forecasts.foldId}) and weights (${weights.foldId}) must ` +
          `come from fold ${fold.id} (map them over the same testYear)`,
      );
    }
    const result = fuseFold(fold, forecasts, weights, params);
    checkCovered(fold, "test", result.testRaw, forecasts.horizon);
    const { method } = params.fusion;
    const fusion = ctx.coords.fusion ?? method;
    const label = `${forecasts.label}/fused-${fusion}`;
    const forecast = (split: SplitName, point: Float32Array): Forecast & ScoredRows => ({
      split,
      origins: fold.splits[split],
      horizon: forecasts.horizon,
      point,
      ...(split === "test" ? indexRows(fold, "test") : result.validationRows),
    });
    const summary: Record<string, number | string | number[]> = {
      method,
      cutoff: weights.cutoff,
    };
    if (result.weights) summary.weights = params.fusion.weights;
    if (result.decay !== null) {
      // Per fold, so in the summary, not the configuration (which is the same for every fold).
      summary.decay = result.decay;
      summary.decayGrid = Object.keys(result.decayAccuracy).map(Number);
      summary.decayValidationAccuracy = Object.values(result.decayAccuracy);
    }
    if (result.decay !== null) ctx.metric(`${label}.decay`, result.decay);
    // The report lists these as the fitted parameters: each constituent's weight, the decay.
    const coefficients: Record<string, number> = {};
    if (result.weights) weights.members.forEach((s, n) => (coefficients[s] = result.weights![n]));
    if (result.decay !== null) coefficients.decay = result.decay;
    return {
      model: "fusion",
      label,
      config: { ...params, constituents: forecasts.config },
      foldId: `${fold.id}-index`,
      testYear: fold.testYear,
      frequency: fold.frequency,
      horizon: forecasts.horizon,
      test: forecast("test", result.test),
      validation: result.validation === null ? null : forecast("validation", result.validation),
      fit: { history: [], selectedEpoch: null, summary, notes: params.notes },
      explanation: Object.keys(coefficients).length ? { coefficients } : null,
      weights: null,
      backend: forecasts.backend,
      seed: forecasts.seed,
      ...(forecasts.trainSpan ? { trainSpan: forecasts.trainSpan } : {}),
    };
  },
});
