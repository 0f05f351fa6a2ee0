/**
 * Node `merge.per-series` (open kind "merge"): per-series fits on one fold — one model per
 * constituent, each trained on a `member` panel view — merged into one result with every
 * constituent's forecasts, shaped like a global model's fit on the `constituents` view, so the
 * same fusion node fuses them (the per-series ablation of the global model).
 */
import { z } from "zod";
import { defineTask, type Gathered } from "../engine/task.ts";
import type { Forecast, ScoredRows, TrainResult } from "../models/contract.ts";

type Scored = Forecast & ScoredRows;

/** The forecasts of several fits of one split, in origin order. */
function merged(parts: Scored[]): Scored {
  const H = parts[0].horizon;
  const rows = parts.flatMap((part) =>
    Array.from(part.origins, (origin, i) => ({ part, origin, i }))
  ).sort((a, b) => a.origin - b.origin);
  return {
    split: parts[0].split,
    horizon: H,
    origins: Int32Array.from(rows, (r) => r.origin),
    point: Float32Array.from(
      rows.flatMap((r) => Array.from(r.part.point.subarray(r.i * H, (r.i + 1) * H))),
    ),
    dates: rows.map((r) => r.part.dates[r.i]),
    actual: Float32Array.from(
      rows.flatMap((r) => Array.from(r.part.actual.subarray(r.i * H, (r.i + 1) * H))),
    ),
    regime: rows.map((r) => r.part.regime[r.i]),
  };
}

export function mergeFits(fits: TrainResult[], where: string): TrainResult {
  if (fits.length === 0) throw new Error(`${where}: no per-series fits were gathered`);
  const first = fits[0];
  const foldId = first.foldId.replace(/-constituents-.*$/, "-constituents");
  for (const fit of fits) {
    if (!fit.foldId.startsWith(`${foldId}-`) || fit.label !== first.label) {
      throw new Error(
        `${where}: fit ${fit.label} on ${fit.foldId} is not a per-series fit of ${foldId} ` +
          `(${first.label}); gather one fold's member views: \`fit.gather("member")\``,
      );
    }
  }
  const validations = fits.map((f) => f.validation).filter((v): v is Scored => v !== null);
  return {
    ...first,
    label: `${first.label}-per-series`,
    foldId,
    test: merged(fits.map((f) => f.test)),
    validation: validations.length ? merged(validations) : null,
    fit: { history: [], selectedEpoch: null, summary: { models: fits.length } },
    explanation: null,
    weights: null,
  };
}

export const mergePerSeries = defineTask({
  name: "merge.per-series",
  kind: "merge",
  module: import.meta.url,
  params: z.object({}).strict(),
  inputs: { fits: "required" },
  run: ({ fits }: { fits: Gathered<TrainResult> }, _params, ctx): TrainResult => {
    if (!Array.isArray(fits)) {
      throw new Error(`${ctx.nodeId}: input "fits" must be gathered: \`fit.gather("member")\``);
    }
    return mergeFits(fits.map((f) => f.value), ctx.nodeId);
  },
});
