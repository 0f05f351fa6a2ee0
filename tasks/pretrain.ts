/**
 * The `pretrain` node (open kind): pretrains a market-gpt network on every series of a price
 * panel but the index it will forecast, each cut at the fold's cut-off (1 January of the test
 * year) and scaled on its own window of `trainYears` before it (models/market_gpt/pretrain/).
 * Its output reads as a train node's result (model, label, config, weights, trainSpan), so a
 * train node takes it as `upstream` (zero-shot or fine-tuned), and the upstream check refuses
 * it for any fold whose test period it has seen.
 */
import { z } from "zod";
import { defineTask } from "../engine/task.ts";
import type { PricePanel } from "../data/panel/load.ts";
import { KLINE_PARTS } from "../data/features/kline.ts";
import { marketGptConfig } from "../models/market_gpt/config.ts";
import { buildCorpus, type Corpus } from "../models/market_gpt/pretrain/corpus.ts";
import { pretrain } from "../models/market_gpt/pretrain/pretrain.ts";
import { startBackend } from "./fit_steps.ts";
import type { TrainResult } from "../models/contract.ts";

export const pretrainParams = z.object({
  /** The fold's test year: nothing on or after 1 January of it enters pretraining. */
  testYear: z.number().int().min(1900).max(2200),
  /** Years of every series before the cut-off (each scaled on its own rows in them). */
  trainYears: z.number().int().min(1).default(10),
  /** K-line parts each bar is fed as (the index's fold must use the same, in order). */
  parts: z.array(z.enum(KLINE_PARTS)).min(1).default(["return", "range"]),
  /** Bars per pretraining window. */
  encoderLength: z.number().int().min(2).default(32),
  /** Adam steps and batch size: 600 × 64 windows pretrain in minutes on 2 cores. */
  steps: z.number().int().min(1).default(600),
  batchSize: z.number().int().min(1).default(64),
  learningRate: z.number().positive().default(1e-3),
  /** Scaled parts are clipped at ± this many standard deviations (as the folds clip). */
  clipStd: z.number().positive().default(5),
  /** A series with fewer bars in the window is left out (named in the output). */
  minRows: z.number().int().min(2).default(250),
  /** Symbols never pretrained on besides the panel's index (column 0, always held out). */
  holdOut: z.array(z.string()).default([]),
  /** The market-gpt architecture (the fine-tuning fits must declare the same). */
  model: z.record(z.string(), z.unknown()).default({}),
}).strict().superRefine((params, ctx) => {
  const result = marketGptConfig.safeParse(params.model);
  if (!result.success) {
    for (const issue of result.error.issues) {
      ctx.addIssue({ code: "custom", path: ["model", ...issue.path], message: issue.message });
    }
  }
});

export type PretrainParams = z.infer<typeof pretrainParams>;

/**
 * A pretrain node's output: the fields the train task's upstream check reads
 * (`tasks/upstream.ts`: model, label, config, weights, trainSpan), plus the corpus record and
 * the loss history.
 */
export interface PretrainedModel
  extends Pick<TrainResult, "model" | "label" | "config" | "weights" | "foldId" | "seed"> {
  testYear: number;
  backend: string;
  trainSpan: { first: string; last: string; rows: number };
  corpus: ReturnType<typeof corpusRecord>;
  history: { step: number; loss: number }[];
}

/** What the corpus held, for the report and the record. */
export function corpusRecord(corpus: Corpus) {
  return {
    series: corpus.series.map((s) => ({
      symbol: s.symbol,
      group: s.group,
      rows: s.dates.length,
      first: s.dates[0],
      last: s.dates[s.dates.length - 1],
    })),
    excluded: corpus.excluded,
    windows: corpus.windowSeries.length,
    firstDate: corpus.firstDate,
    lastDate: corpus.lastDate,
  };
}

export const pretrainMarketGpt = defineTask({
  name: "pretrain.market-gpt",
  kind: "pretrain",
  module: import.meta.url,
  worker: true,
  seeded: true,
  usesBackend: true,
  params: pretrainParams,
  inputs: { panel: "required" },
  run: async ({ panel }: { panel: PricePanel }, params, ctx): Promise<PretrainedModel> => {
    if (panel?.kind !== "price-panel") {
      throw new Error(`pretrain node ${ctx.nodeId}: input "panel" must be a fetchPanel output`);
    }
    const config = marketGptConfig.parse(params.model);
    const corpus = buildCorpus(panel, {
      parts: params.parts,
      from: `${params.testYear - params.trainYears}-01-01`,
      cutoff: `${params.testYear}-01-01`,
      clipStd: params.clipStd,
      minRows: params.minRows,
      holdOut: params.holdOut,
      encoderLength: params.encoderLength,
    });
    for (const { symbol, reason } of corpus.excluded) {
      if (!reason.startsWith("held out")) ctx.warn(`${ctx.nodeId}: ${symbol} left out: ${reason}`);
    }
    await startBackend(ctx);
    const result = await pretrain(corpus, {
      config,
      encoderLength: params.encoderLength,
      steps: params.steps,
      batchSize: params.batchSize,
      learningRate: params.learningRate,
      seed: ctx.seed,
      onProgress: (step, loss) =>
        ctx.progress({
          message: `pretrain step ${step}/${params.steps}: loss ${loss.toFixed(4)}`,
          fraction: step / params.steps,
        }),
    });
    const record = corpusRecord(corpus);
    return {
      model: "market-gpt",
      label: "pretrained",
      config: config as Record<string, unknown>,
      weights: result.weights,
      foldId: `pretrain-${params.testYear}`,
      testYear: params.testYear,
      backend: ctx.backend,
      seed: ctx.seed,
      trainSpan: { first: record.firstDate, last: record.lastDate, rows: record.windows },
      corpus: record,
      history: result.history,
    };
  },
});
