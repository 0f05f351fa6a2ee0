/**
 * The `latency` node kind: Mamba against the CLS Transformer at several sequence lengths on
 * synthetic inputs (`models/latency/`): training s/epoch, inference ms/forecast, peak memory,
 * the fitted scaling exponents, Mamba's per-bar recurrent latency. Its output is a wall-clock
 * measurement of the machine that ran it, so not bit-reproducible: rerunning the node
 * (`--force latency`) measures again. `withLatency` joins it to an evaluation for the
 * report's "latency" section.
 */
import { z } from "zod";
import { defineTask } from "../engine/task.ts";
import type { EvaluationMetrics } from "../evaluation/evaluation.ts";
import { DEFAULT_LATENCY_SIZE } from "../models/latency/measure.ts";
import { type LatencyTable, measureLatencyTable } from "../models/latency/table.ts";
import { startBackend } from "./fit_steps.ts";

export const latencyParams = z.object({
  /** Sequence lengths measured. */
  lengths: z.array(z.number().int().min(8).max(16_384)).min(2).default([60, 250, 1000, 4000]),
  /** The exponent is also fitted over the lengths from this one up. */
  fitFrom: z.number().int().min(1).default(250),
  /** Width (d_model) of both networks. */
  width: z.number().int().min(2).max(256).default(DEFAULT_LATENCY_SIZE.width),
  /** Mamba blocks and Transformer layers. */
  depth: z.number().int().min(1).max(8).default(DEFAULT_LATENCY_SIZE.depth),
  /**
   * Windows per training epoch: 4 (the bench's 8 halved, so the node takes minutes, not ten:
   * a Transformer step at L = 4000 takes seconds on wasm).
   */
  samples: z.number().int().min(1).max(256).default(4),
  /** Timed epochs per length (the median is reported); the bench times 2. */
  epochs: z.number().int().min(1).max(10).default(1),
}).strict();

export const measureLatencyNode = defineTask({
  name: "latency.mamba-vs-transformer",
  kind: "latency",
  module: import.meta.url,
  worker: true,
  usesBackend: true,
  params: latencyParams,
  inputs: {},
  run: async (_inputs: Record<string, never>, params, ctx): Promise<LatencyTable> => {
    await startBackend(ctx);
    const { lengths, fitFrom, width, depth, samples, epochs } = params;
    const table = await measureLatencyTable({
      lengths,
      fitFrom,
      size: { ...DEFAULT_LATENCY_SIZE, width, depth, samples, epochs },
      onMeasure: (arch, length, index, total) =>
        ctx.progress({ fraction: index / total, message: `${arch} at L = ${length}` }),
    });
    for (const e of table.exponents) {
      ctx.metric(`${e.arch}.latency_k`, e.train);
      if (e.trainLong !== null) ctx.metric(`${e.arch}.latency_k_long`, e.trainLong);
    }
    ctx.metric("mamba.recurrent_ms", table.recurrentMs);
    return table;
  },
});

/** An evaluation with a latency table joined, for the report's "latency" section. */
export type MetricsWithLatency = EvaluationMetrics & { latency: LatencyTable };

/** The latency table joined to an evaluation, or null. */
export function latencyOf(metrics: EvaluationMetrics): LatencyTable | null {
  return (metrics as Partial<MetricsWithLatency>).latency ?? null;
}

export const withLatency = defineTask({
  name: "evaluate.with-latency",
  kind: "evaluate",
  module: import.meta.url,
  params: z.object({}).strict(),
  inputs: { metrics: "required", latency: "required" },
  run: (
    { metrics, latency }: { metrics: EvaluationMetrics; latency: LatencyTable },
    _params,
    ctx,
  ): MetricsWithLatency => {
    if (latency?.kind !== "latency-table") {
      throw new Error(
        `${ctx.nodeId}: input "latency" is not a latency table; connect it to a node of ` +
          'kind latency (`p.node("latency", { kind: "latency", task: measureLatencyNode })`)',
      );
    }
    return { ...metrics, latency };
  },
});
