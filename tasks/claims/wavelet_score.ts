/**
 * Evaluate nodes of claim 1: the rolling test windows pooled, per run — the LSTM on codes of
 * as-published inputs, the LSTM on codes of leak-free inputs, gradient-boosted trees on the
 * leak-free codes — beside always-long and the naive no-change forecast on the same days.
 * Direction accuracy (block-bootstrap CI, Diebold–Mariano test against always-long), a
 * long/short backtest with costs, and the close-level error the study reported (MAPE of the
 * implied next close, where the naive forecast is yesterday's close); then the claims row.
 *
 * A probe shows how much future the inputs carry, whatever a model makes of them: the rule
 * "up tomorrow when today's denoised close is above today's close" on the same days. Denoised
 * causally it can only guess; denoised over the whole series, today's denoised close has seen
 * tomorrow's.
 */
import { z } from "zod";
import { defineTask, type Gathered } from "../../engine/task.ts";
import type { TrainResult } from "../../models/contract.ts";
import { alwaysLongEstimate } from "../../evaluation/claims/direction_estimate.ts";
import { longShortSummary, type RunScore, scoreRun } from "../../evaluation/claims/run_score.ts";
import type { BacktestSummary } from "../../evaluation/backtest.ts";
import type { Estimate } from "../../evaluation/claims/claim_row.ts";
import type { ClaimFold } from "./wavelet_fold.ts";
import type { ClaimFrame } from "./wavelet_frame.ts";
import { directionEstimate } from "../../evaluation/claims/direction_estimate.ts";

export const waveletScoreParams = z.object({
  /** Cost per unit of position change in the backtest (5 bp). */
  costPerTrade: z.number().min(0).default(0.0005),
}).strict();

export type ScoredRun = RunScore & { mape: number };

export interface WaveletScores {
  kind: "wavelet-scores";
  testFrom: string;
  testTo: string;
  windows: number;
  asPublished: ScoredRun;
  leakFree: ScoredRun;
  trees: ScoredRun;
  alwaysLong: { accuracy: Estimate; longShort: BacktestSummary };
  /** The naive forecast (tomorrow's close = today's): its close-level error only. */
  naive: { mape: number };
  /** The rule "up when the denoised close is above the close", on each run's inputs. */
  probe: { asPublished: Estimate; leakFree: Estimate };
}

interface Pooled {
  dates: string[];
  point: Float64Array;
  actual: Float64Array;
}

function pool(results: Gathered<TrainResult>, name: string, where: string): Pooled {
  if (!Array.isArray(results) || results.length === 0) {
    throw new Error(`${where}: input "${name}" must gather the fits of every window`);
  }
  const dates: string[] = [];
  const point: number[] = [];
  const actual: number[] = [];
  for (const { value } of results) {
    if (value?.test?.horizon !== 1) {
      throw new Error(`${where}: input "${name}" must gather step-1 train results`);
    }
    dates.push(...value.test.dates);
    point.push(...value.test.point);
    actual.push(...value.test.actual);
  }
  return { dates, point: Float64Array.from(point), actual: Float64Array.from(actual) };
}

/** Mean absolute percentage error of the implied next close, close_o·(1 + forecast). */
export function closeMape(point: ArrayLike<number>, actual: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(point[i] - actual[i]) / (1 + actual[i]);
  return sum / actual.length;
}

/** The probe's calls for the forecast days: denoised close − close at each origin. */
export function denoisedAboveClose(frame: ClaimFrame, days: readonly string[], where: string) {
  if (frame?.kind !== "feature-frame" || !frame.past?.names.includes("close")) {
    throw new Error(`${where}: the features inputs must be buildWaveletFrame nodes`);
  }
  const close = frame.past.columns[frame.past.names.indexOf("close")];
  const row = new Map(frame.dates.map((d, t) => [d, t]));
  return Float64Array.from(days, (day) => {
    const t = row.get(day);
    if (t === undefined || t < 1) throw new Error(`${where}: no feature row before ${day}`);
    return close[t - 1] - frame.close[t - 1];
  });
}

function departuresOf(folds: Gathered<ClaimFold>, name: string, where: string): string[] {
  const lists = folds.map(({ value }) => value?.departures);
  if (lists.some((d) => !Array.isArray(d))) {
    throw new Error(`${where}: input "${name}" must gather the encoded folds`);
  }
  return [...new Set(lists.flat() as string[])];
}

export const scoreWavelet = defineTask({
  name: "evaluate.wavelet-scores",
  kind: "evaluate",
  module: import.meta.url,
  seeded: true,
  params: waveletScoreParams,
  inputs: {
    asPublished: "required",
    leakFree: "required",
    trees: "required",
    asPublishedFolds: "required",
    leakFreeFolds: "required",
    asPublishedFeatures: "required",
    leakFreeFeatures: "required",
  },
  run: (
    inputs: {
      asPublished: Gathered<TrainResult>;
      leakFree: Gathered<TrainResult>;
      trees: Gathered<TrainResult>;
      asPublishedFolds: Gathered<ClaimFold>;
      leakFreeFolds: Gathered<ClaimFold>;
      asPublishedFeatures: ClaimFrame;
      leakFreeFeatures: ClaimFrame;
    },
    params,
    ctx,
  ): WaveletScores => {
    const where = ctx.nodeId;
    const runs = {
      asPublished: pool(inputs.asPublished, "asPublished", where),
      leakFree: pool(inputs.leakFree, "leakFree", where),
      trees: pool(inputs.trees, "trees", where),
    };
    const days = runs.leakFree.dates;
    for (const [name, run] of Object.entries(runs)) {
      if (run.dates.join() !== days.join()) {
        throw new Error(
          `${where}: "${name}" scores other days than "leakFree"; map every fit ` +
            `over the same windows`,
        );
      }
    }
    const leakFreeDepartures = departuresOf(inputs.leakFreeFolds, "leakFreeFolds", where);
    if (leakFreeDepartures.length > 0) {
      throw new Error(
        `${where}: the leak-free folds carry leaks (${leakFreeDepartures.join("; ")})`,
      );
    }
    const actual = runs.leakFree.actual;
    const seed = `${where}:${ctx.seed}`;
    const score = (run: Pooled, departures: string[] = []): ScoredRun => ({
      ...scoreRun({
        point: run.point,
        actual,
        seed,
        departures,
        costPerTrade: params.costPerTrade,
      }),
      mape: closeMape(run.point, actual),
    });
    const ones = new Float64Array(actual.length).fill(1);
    const result: WaveletScores = {
      kind: "wavelet-scores",
      testFrom: days[0],
      testTo: days.at(-1)!,
      windows: inputs.leakFree.length,
      asPublished: score(
        runs.asPublished,
        departuresOf(inputs.asPublishedFolds, "asPublishedFolds", where),
      ),
      leakFree: score(runs.leakFree),
      trees: score(runs.trees),
      alwaysLong: {
        accuracy: alwaysLongEstimate(actual, seed),
        longShort: longShortSummary(ones, actual, params.costPerTrade),
      },
      naive: { mape: closeMape(new Float64Array(actual.length), actual) },
      probe: {
        asPublished: directionEstimate({
          point: denoisedAboveClose(inputs.asPublishedFeatures, days, where),
          actual,
          seed,
          departures: inputs.asPublishedFeatures.departures,
        }),
        leakFree: directionEstimate({
          point: denoisedAboveClose(inputs.leakFreeFeatures, days, where),
          actual,
          seed,
        }),
      },
    };
    for (const name of ["asPublished", "leakFree", "trees", "alwaysLong"] as const) {
      ctx.metric(`${name}.da`, result[name].accuracy.value);
      ctx.metric(`${name}.sharpe`, result[name].longShort.sharpe ?? NaN);
    }
    return result;
  },
});
