/**
 * `evaluate.program`: the finfusion program's summary over every phase
 * (`evaluation/program/summary.ts`). Its inputs are named after the phases (`params.phases`
 * lists them), each the phase's per-replicate evaluations gathered over every axis, so the
 * task declares its inputs open (`OPEN_INPUTS`); a phase named in the params but not wired (or wired but
 * not named) is an error naming it. Output: an evaluation for the report node whose
 * `program` field the "program" section renders; it carries no models or series of its own
 * (each phase's report shows those), so the report names `sections: ["program"]`.
 * Headline metrics: `<phase>.best_excess` and `<phase>.snooping_p`.
 */
import { z } from "zod";
import { defineTask, type Gathered } from "../engine/task.ts";
import { OPEN_INPUTS } from "../engine/open_inputs.ts";
import type { EvaluationMetrics } from "../evaluation/evaluation.ts";
import { type ProgramSummary, programSummary } from "../evaluation/program/summary.ts";

export const programPhase = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: z.string().min(1),
  hypothesis: z.string().min(1),
  claim: z.enum(["beats-always-long", "no-better-than-always-long"]),
  /** Label of the phase's plain model (shown and tested, not judged by the verdict). */
  control: z.string().min(1).nullable().default(null),
}).strict();

export const programParams = z.object({
  /** Significance level of the verdicts (after the Holm adjustment and the SPA test). */
  alpha: z.number().gt(0).lt(1).default(0.05),
  phases: z.array(programPhase).min(1),
  /** What the program left out of the reference's design and why, one line each (the report lists them). */
  scope: z.array(z.string().min(1)).default([]),
}).strict();

export type ProgramMetrics = EvaluationMetrics & { program: ProgramSummary };

/** The program's summary of a `ProgramMetrics`, or null for other metrics. */
export function programOf(metrics: EvaluationMetrics): ProgramSummary | null {
  return (metrics as Partial<ProgramMetrics>).program ?? null;
}

export const evaluateProgram = defineTask({
  name: "evaluate.program",
  kind: "evaluate",
  module: import.meta.url,
  params: programParams,
  inputs: OPEN_INPUTS,
  run: (
    inputs: Record<string, Gathered<EvaluationMetrics>>,
    params,
    ctx,
  ): ProgramMetrics => {
    const named = new Set(params.phases.map((phase) => phase.id));
    for (const name of Object.keys(inputs)) {
      if (!named.has(name)) {
        throw new Error(
          `${ctx.nodeId}: input "${name}" is not a phase of params.phases ` +
            `(${[...named].join(", ")}); add the phase there or remove the input`,
        );
      }
    }
    const summary = programSummary(
      params.phases.map((phase) => {
        const gathered = inputs[phase.id];
        if (!Array.isArray(gathered)) {
          throw new Error(
            `${ctx.nodeId}: phase "${phase.id}" has no input; wire it as ` +
              `\`{ "${phase.id}": <${phase.id}-metrics>.gather() }\``,
          );
        }
        return { ...phase, gathered };
      }),
      params.alpha,
      params.scope,
    );
    for (const phase of summary.phases) {
      const best = Math.max(...phase.rows.map((r) => r.excess));
      ctx.metric(`${phase.id}.best_excess`, best);
      if (phase.snoopingP !== null) ctx.metric(`${phase.id}.snooping_p`, phase.snoopingP);
    }
    const base = inputs[params.phases[0].id][0].value;
    return {
      ...base,
      models: [],
      series: [],
      warnings: [],
      program: summary,
    };
  },
});
