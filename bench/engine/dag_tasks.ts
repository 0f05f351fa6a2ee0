/** Tiny tasks for the generated benchmark DAG: the engine's overhead is what is measured. */
import { z } from "zod";
import { defineTask, type Gathered } from "../../engine/task.ts";

export const benchSource = defineTask({
  name: "bench.source",
  kind: "fetch",
  module: import.meta.url,
  params: z.object({ n: z.number().int().positive() }).strict(),
  run: (_inputs: Record<string, never>, params) => ({
    values: new Float64Array(params.n).map((_, i) => i),
  }),
});

export const benchCombine = defineTask({
  name: "bench.combine",
  kind: "feature",
  module: import.meta.url,
  params: z.object({ weight: z.number() }).strict(),
  run: (inputs: Record<string, { values: Float64Array }>, params) => {
    const parts = Object.values(inputs);
    return {
      values: parts[0].values.map((value, i) =>
        params.weight * parts.reduce((sum, part) => sum + part.values[i], value)
      ),
    };
  },
});

export const benchSplit = defineTask({
  name: "bench.split",
  kind: "split",
  module: import.meta.url,
  params: z.object({ year: z.number().int() }).strict(),
  run: ({ values }: { values: { values: Float64Array } }, params) => ({
    year: params.year,
    rows: new Float32Array(values.values.map((value) => value + params.year)),
  }),
});

export const benchFit = defineTask({
  name: "bench.fit",
  kind: "train",
  module: import.meta.url,
  params: z.object({ model: z.object({ scale: z.number() }).strict() }).strict(),
  run: ({ fold }: { fold: { year: number; rows: Float32Array } }, params) => ({
    year: fold.year,
    forecast: fold.rows.map((value) => value * params.model.scale),
  }),
});

export const benchEvaluate = defineTask({
  name: "bench.evaluate",
  kind: "evaluate",
  module: import.meta.url,
  params: z.object({}).strict(),
  run: ({ fits }: { fits: Gathered<{ forecast: Float32Array }> }, _params, ctx) => {
    const totals = fits.map((fit) => fit.value.forecast.reduce((sum, value) => sum + value, 0));
    ctx.metric("total", totals.reduce((sum, value) => sum + value, 0));
    return { totals };
  },
});

export const benchReport = defineTask({
  name: "bench.report",
  kind: "report",
  module: import.meta.url,
  params: z.object({}).strict(),
  run: ({ evals }: { evals: Gathered<{ totals: number[] }> }) => ({
    files: {
      "summary.md": evals.map((item) => `${item.id}: ${item.value.totals.length}`).join("\n"),
    },
  }),
});
