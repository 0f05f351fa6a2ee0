/**
 * The model search's evaluation: every model's out-of-sample accuracy and excess over
 * always-long on the same test days, their distribution, the models picked in-sample (by
 * validation excess) against their out-of-sample scores, the data-snooping tests, the
 * deflated Sharpe ratio of the best long/flat strategy, and the share of models
 * "significant" at 5% before and after Holm and Benjamini–Hochberg.
 */
import type { ChunkResult } from "../../models/search/chunk.ts";
import type { Family } from "../../models/search/spec.ts";
import {
  accuracy,
  baseRate,
  directionalDifferentials,
  longFlatReturns,
  sharpe,
} from "../../models/search/score.ts";
import { deflatedSharpe, returnMoments } from "../stats/deflated_sharpe.ts";
import { quantileSorted } from "../stats/descriptive.ts";
import {
  excessPValue,
  type SignificanceShares,
  significanceShares,
  type SnoopingResult,
  snoopingTests,
} from "./significance.ts";
import { excessHistogram, type HistogramBin } from "./histogram.ts";

export interface SearchRowsInfo {
  /** Test days' returns and dates (the same rows for every model). */
  testReturns: Float64Array;
  testDates: string[];
  validationBaseRate: number;
  validationSpan: [string, string];
  trainSpan: [string, string];
}

export interface SummaryOptions {
  reps: number;
  meanBlock: number;
  seed: number;
  costPerTrade: number;
  /** How many of the best in-sample models the table lists. */
  top: number;
}

export interface PickedModel {
  name: string;
  family: Family;
  validationExcess: number;
  testAccuracy: number;
  testExcess: number;
  /** 95% stationary-bootstrap interval of the test excess (the snooping tests' resamples). */
  interval: { low: number; high: number };
  /** Share of all models with a lower test excess (0..1). */
  testPercentile: number;
  /** Annualised Sharpe ratio of its long/flat strategy on the test days (after costs). */
  testSharpe: number | null;
}

export interface ModelSearchSummary {
  models: number;
  families: Record<string, number>;
  testRows: number;
  testSpan: [string, string];
  validationSpan: [string, string];
  trainSpan: [string, string];
  alwaysLong: { testAccuracy: number; validationAccuracy: number; testSharpe: number | null };
  excess: { mean: number; quantiles: Record<string, number>; shareAbove: number };
  histogram: HistogramBin[];
  bestInSample: PickedModel[];
  bestOutOfSample: PickedModel;
  snooping: SnoopingResult & { realityCheckBest: string; spaBest: string };
  deflatedSharpe: {
    strategy: string;
    sharpe: number;
    trials: number;
    sharpeVariance: number;
    threshold: number;
    probability: number;
  } | null;
  significance: SignificanceShares;
  costPerTrade: number;
  verdict: string;
}

const ANNUAL = Math.sqrt(252);

export function summariseSearch(
  chunks: ChunkResult[],
  rows: SearchRowsInfo,
  options: SummaryOptions,
): ModelSearchSummary {
  const ret = rows.testReturns;
  const n = ret.length;
  const models = chunks.flatMap((c) =>
    c.specs.map((spec, m) => {
      if (c.testRows !== n) {
        throw new Error(`chunk ${c.chunk} has ${c.testRows} test rows, the design ${n}: rerun it`);
      }
      const calls = c.testCalls.subarray(m * n, (m + 1) * n);
      return {
        name: c.names[m],
        family: spec.family,
        validationExcess: c.validationAccuracy[m] - rows.validationBaseRate,
        testAccuracy: accuracy(calls, ret),
        differentials: directionalDifferentials(calls, ret),
        // Only the Sharpe ratio is kept: 20,000 return series would not fit in memory.
        sharpe: sharpe(longFlatReturns(calls, ret, options.costPerTrade)),
        calls,
      };
    })
  );
  if (models.length < 2) throw new Error("the model search needs at least 2 models to evaluate");
  const longRate = baseRate(ret);
  const excesses = models.map((m) => m.testAccuracy - longRate);
  const sorted = excesses.slice().sort((a, b) => a - b);
  const percentile = (x: number) => sorted.filter((v) => v < x).length / sorted.length;
  const run = snoopingTests(models.map((m) => m.differentials), {
    reps: options.reps,
    meanBlock: options.meanBlock,
    seed: `model-search:${options.seed}`,
  });
  const snooping = run.tests;
  const pick = (i: number): PickedModel => ({
    name: models[i].name,
    family: models[i].family,
    validationExcess: models[i].validationExcess,
    testAccuracy: models[i].testAccuracy,
    testExcess: excesses[i],
    interval: run.excessInterval(i),
    testPercentile: percentile(excesses[i]),
    testSharpe: models[i].sharpe === null ? null : models[i].sharpe! * ANNUAL,
  });
  const byValidation = models.map((_, i) => i).sort((a, b) =>
    models[b].validationExcess - models[a].validationExcess || a - b
  );
  const bestTest = excesses.reduce((best, v, i) => (v > excesses[best] ? i : best), 0);
  const significance = significanceShares(models.map((m) => excessPValue(m.differentials)), 0.05);
  const dsr = deflated(models, (calls) => longFlatReturns(calls, ret, options.costPerTrade));
  const summary: Omit<ModelSearchSummary, "verdict"> = {
    models: models.length,
    families: countFamilies(models.map((m) => m.family)),
    testRows: n,
    testSpan: [rows.testDates[0], rows.testDates[n - 1]],
    validationSpan: rows.validationSpan,
    trainSpan: rows.trainSpan,
    alwaysLong: {
      testAccuracy: longRate,
      validationAccuracy: rows.validationBaseRate,
      testSharpe: (sharpe(ret) ?? NaN) * ANNUAL,
    },
    excess: {
      mean: excesses.reduce((s, v) => s + v, 0) / excesses.length,
      quantiles: Object.fromEntries(
        [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1].map((q) => [String(q), quantileSorted(sorted, q)]),
      ),
      shareAbove: excesses.filter((v) => v > 0).length / excesses.length,
    },
    histogram: excessHistogram(excesses, 0.005),
    bestInSample: byValidation.slice(0, options.top).map(pick),
    bestOutOfSample: pick(bestTest),
    snooping: {
      ...snooping,
      realityCheckBest: models[snooping.realityCheck.best].name,
      spaBest: models[snooping.spa.best].name,
    },
    deflatedSharpe: dsr,
    significance,
    costPerTrade: options.costPerTrade,
  };
  return { ...summary, verdict: searchVerdict(summary) };
}

function countFamilies(families: Family[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of families) out[f] = (out[f] ?? 0) + 1;
  return out;
}

/** DSR of the best test-period strategy, given every trial with a defined Sharpe ratio. */
function deflated(
  models: Array<{ name: string; sharpe: number | null; calls: Uint8Array }>,
  strategy: (calls: Uint8Array) => Float64Array,
) {
  const trials = models.filter((m) => m.sharpe !== null);
  if (trials.length < 2) return null;
  const sharpes = trials.map((m) => m.sharpe!);
  const mean = sharpes.reduce((s, v) => s + v, 0) / sharpes.length;
  const sharpeVariance = sharpes.reduce((s, v) => s + (v - mean) ** 2, 0) / (sharpes.length - 1);
  const best = trials.reduce((b, m) => (m.sharpe! > b.sharpe! ? m : b));
  const result = deflatedSharpe(returnMoments(strategy(best.calls)), {
    count: trials.length,
    sharpeVariance,
  });
  return {
    strategy: best.name,
    sharpe: best.sharpe! * ANNUAL,
    trials: trials.length,
    sharpeVariance,
    threshold: result.threshold * ANNUAL,
    probability: result.probability,
  };
}

/** One plain sentence on what survives the count of models tried. */
export function searchVerdict(s: Omit<ModelSearchSummary, "verdict">): string {
  const pp = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)} pp`;
  const spa = s.snooping.spa.pValues.consistent;
  const dsrOk = s.deflatedSharpe !== null && s.deflatedSharpe.probability >= 0.95;
  const picked = s.bestInSample[0];
  const survives = spa < 0.05 || dsrOk;
  return `Of ${s.models} models, the best out of sample beat always-long by ` +
    `${pp(s.bestOutOfSample.testExcess)} and the best in-sample pick scored ` +
    `${pp(picked.testExcess)} out of sample; ` +
    (survives
      ? `counting the ${s.models} trials, the best still looks significant (SPA p = ` +
        `${spa.toFixed(3)}${
          s.deflatedSharpe
            ? `, deflated Sharpe probability ${s.deflatedSharpe.probability.toFixed(2)}`
            : ""
        }).`
      : `counting the ${s.models} trials, none beats always-long significantly (SPA p = ` +
        `${spa.toFixed(2)}${
          s.deflatedSharpe
            ? `, deflated Sharpe probability ${s.deflatedSharpe.probability.toFixed(2)}`
            : ""
        }).`);
}
