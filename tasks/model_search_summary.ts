/**
 * Evaluate node of the model search: gathers every chunk, scores each model out of sample
 * beside always-long on the same test days, and runs the data-snooping tests
 * (`evaluation/model_search/`). Returns an evaluation whose `modelSearch` field the report's
 * "model-search" section renders.
 */
import { z } from "zod";
import { defineTask, type Gathered } from "../engine/task.ts";
import type { SearchDesign } from "../models/search/design.ts";
import type { ChunkResult } from "../models/search/chunk.ts";
import { baseRate } from "../models/search/score.ts";
import { summariseSearch } from "../evaluation/model_search/summary.ts";
import { EVALUATION_SCHEMA, type EvaluationMetrics } from "../evaluation/evaluation.ts";
import { DEFAULT_SETTINGS } from "../evaluation/settings.ts";

export const searchSummaryParams = z.object({
  /** Stationary-bootstrap resamples of the Reality Check and SPA test. */
  reps: z.number().int().min(50).max(10000).default(500),
  /** Mean block length of the stationary bootstrap, in days. */
  meanBlock: z.number().min(1).default(10),
  /** Cost per unit of position change of the long/flat strategies (0.0005 = 5 bp). */
  costPerTrade: z.number().min(0).max(0.05).default(0.0005),
  /** Rows of the best-in-sample table. */
  top: z.number().int().min(1).max(50).default(10),
}).strict();

export const summariseModelSearch = defineTask({
  name: "evaluate.model-search",
  kind: "evaluate",
  module: import.meta.url,
  seeded: true,
  params: searchSummaryParams,
  inputs: { design: "required", chunks: "required" },
  run: (
    { design, chunks }: { design: SearchDesign; chunks: Gathered<ChunkResult> },
    params,
    ctx,
  ): EvaluationMetrics => {
    if (design?.kind !== "search-design") {
      throw new Error(`${ctx.nodeId}: input "design" is not a search design (split node)`);
    }
    const bad = chunks.find((c) => c.value?.kind !== "search-chunk");
    if (!Array.isArray(chunks) || chunks.length === 0 || bad) {
      throw new Error(
        `${ctx.nodeId}: input "chunks" must gather search-chunk nodes ` +
          "(`{ chunks: search.gather() }`)" + (bad ? `; ${bad.id} is something else` : ""),
      );
    }
    const { train, validation, test, dates, returns } = design;
    const span = (r: { from: number; to: number }): [string, string] => [
      dates[r.from],
      dates[r.to - 1],
    ];
    const summary = summariseSearch(chunks.map((c) => c.value), {
      testReturns: returns.slice(test.from, test.to),
      testDates: dates.slice(test.from, test.to),
      validationBaseRate: baseRate(returns.subarray(validation.from, validation.to)),
      validationSpan: span(validation),
      trainSpan: span(train),
    }, { ...params, seed: ctx.seed });
    ctx.metric("search.models", summary.models);
    ctx.metric("search.best_oos_excess", summary.bestOutOfSample.testExcess);
    ctx.metric("search.best_in_sample_oos_excess", summary.bestInSample[0].testExcess);
    ctx.metric("search.spa_p", summary.snooping.spa.pValues.consistent);
    ctx.metric("search.reality_check_p", summary.snooping.realityCheck.pValue);
    if (summary.deflatedSharpe) ctx.metric("search.dsr", summary.deflatedSharpe.probability);
    const dateSpan = (r: { from: number; to: number }) => ({
      firstDate: dates[r.from],
      lastDate: dates[r.to - 1],
      rows: r.to - r.from,
    });
    return {
      schema: EVALUATION_SCHEMA,
      frequency: "daily",
      horizon: 1,
      periodsPerYear: 252,
      settings: {
        ...DEFAULT_SETTINGS,
        bootstrapReps: params.reps,
        blockLength: params.meanBlock,
        seed: ctx.seed,
        backtest: { costPerTrade: params.costPerTrade, threshold: 0 },
        comparisons: [],
      },
      folds: [{
        foldId: "search",
        testYear: null,
        label: `${dates[test.from]}..${dates[test.to - 1]}`,
        ...dateSpan(test),
        validation: dateSpan(validation),
        train: dateSpan(train),
      }],
      models: [],
      warnings: [],
      series: [],
      modelSearch: summary,
    };
  },
});
