/**
 * The macro-regime study's ensemble and calibration nodes (node kinds `ensemble` and
 * `calibration`): the ensemble combines the walk-forward's member forecasts (70/30, equal
 * weights, a weight learned on resolved forecasts only) into every model's mean and 95%
 * interval; the calibration tracker replays the ensemble's forecasts day by day through the
 * append-only ledger, with rolling accuracy and alerts. Each is its own cached node, so
 * changing the ensemble weight recomputes the ensemble and what reads it, not the members.
 */
import { z } from "zod";
import { defineTask } from "../engine/task.ts";
import type { DailyScore } from "../models/macro_regime/daily_score.ts";
import {
  ensembleRows,
  WALK_FORWARD_DEFAULTS,
  type WalkForwardRow,
} from "../models/macro_regime/walk_forward.ts";
import { type CalibrationReport, replayLedger } from "../evaluation/macro_regime/ledger.ts";
import type { WalkForwardOutput } from "./macro_regime.ts";

/** Every model's forecasts at every origin of one timing and horizon. */
export interface EnsembleOutput {
  timing: string;
  horizon: number;
  rows: WalkForwardRow[];
}

/** The calibration tracker's ledger, rolling accuracy and alerts for one timing and horizon. */
export interface CalibrationOutput {
  timing: string;
  horizon: number;
  calibration: CalibrationReport;
}

export const macroEnsemble = defineTask({
  name: "ensemble.macro-regime",
  kind: "ensemble",
  module: import.meta.url,
  params: z.object({
    /** The reversion model's weight (published 0.7; momentum takes the rest). */
    ensembleWeight: z.number().min(0).max(1).default(WALK_FORWARD_DEFAULTS.ensembleWeight),
  }).strict(),
  inputs: { members: "required" },
  run: ({ members }: { members: WalkForwardOutput }, params, ctx): EnsembleOutput => {
    if (!Array.isArray(members?.rows) || members.rows.some((r) => !r.members)) {
      throw new Error(
        `${ctx.nodeId}: input "members" is not a walk-forward's member forecasts; ` +
          "connect it to the walk-forward node",
      );
    }
    const { timing, horizon } = members;
    return { timing, horizon, rows: ensembleRows(members.rows, params.ensembleWeight) };
  },
});

export const macroCalibration = defineTask({
  name: "calibration.macro-regime",
  kind: "calibration",
  module: import.meta.url,
  params: z.object({}).strict(),
  inputs: { score: "required", forecasts: "required" },
  run: (
    { score, forecasts }: { score: DailyScore; forecasts: EnsembleOutput },
    _params,
    ctx,
  ): CalibrationOutput => {
    if (!score?.days || !Array.isArray(forecasts?.rows) || forecasts.timing !== score.timing) {
      throw new Error(
        `${ctx.nodeId}: inputs "score" and "forecasts" must be one timing's score and ` +
          "ensemble forecasts (map both over the same timing)",
      );
    }
    const calibration = replayLedger(score.days, score.score, forecasts.rows);
    ctx.metric(`${score.timing}.h${forecasts.horizon}.alerts`, calibration.alerts.length);
    return { timing: forecasts.timing, horizon: forecasts.horizon, calibration };
  },
});
