/**
 * Report node: renders the evaluation metrics into `index.html` (self-contained, with
 * Vega-Lite SVG charts), `summary.md`, `metrics.json` and CSVs. Needs only `{ metrics }`
 * and the node's own pipeline and key (printed so readers can re-render it), so
 * `deno task report <hash>` re-renders it from the cache; deterministic byte for byte.
 */
import { z } from "zod";
import { defineTask, type ReportFiles } from "../engine/task.ts";
import { EVALUATION_SCHEMA, type EvaluationMetrics } from "../evaluation/evaluation.ts";
import { renderReportFiles } from "../reports/render_report.ts";
import { DEFAULT_SECTIONS, sectionProblems } from "../reports/sections/registry.ts";

export const reportParams = z.object({
  /** Page title and the summary's heading. */
  title: z.string().min(1).max(200).default("finfusion report"),
  /**
   * Report sections to show, in order, by id (`reports/sections/registry.ts`); the default
   * is every registered section in the registry's order.
   */
  sections: z.array(z.string()).min(1).default([...DEFAULT_SECTIONS]).superRefine(
    (ids, ctx) => {
      for (const message of sectionProblems(ids)) ctx.addIssue({ code: "custom", message });
    },
  ),
}).strict();

export const renderReport = defineTask({
  name: "report.render",
  kind: "report",
  module: import.meta.url,
  params: reportParams,
  inputs: { metrics: "required" },
  run: async (
    { metrics }: { metrics: EvaluationMetrics },
    params,
    ctx,
  ): Promise<ReportFiles> => {
    if (metrics?.schema !== EVALUATION_SCHEMA) {
      throw new Error(
        `${ctx.nodeId}: input "metrics" is not an evaluation (${EVALUATION_SCHEMA}); connect ` +
          "it to an evaluate node: `{ metrics }` where " +
          "`metrics = p.evaluate(..., evaluateForecasts, ...)`",
      );
    }
    const { files, chartWarnings } = await renderReportFiles(metrics, {
      ...params,
      identity: { nodeId: ctx.nodeId, pipeline: ctx.pipeline ?? null, key: ctx.key ?? null },
    });
    for (const warning of chartWarnings) ctx.warn(`chart ${warning}`);
    return { files };
  },
});
