/** `evaluate.program`: wiring errors name the phase; the output is an evaluation with a program. */
import assert from "node:assert/strict";
import {
  evaluateProgram,
  type ProgramMetrics,
  programOf,
  programParams,
} from "../../tasks/program.ts";
import { phaseEvaluations } from "../evaluation/program/fixture.ts";
import type { TaskContext } from "../../engine/task.ts";

const metrics: Record<string, number> = {};
const ctx = {
  nodeId: "program",
  metric: (name: string, value: number) => (metrics[name] = value),
} as unknown as TaskContext;
const params = programParams.parse({
  phases: [{ id: "toy", title: "Toy", hypothesis: "Hypothesis: x", claim: "beats-always-long" }],
});

Deno.test("evaluate.program: summarises each named phase and records its headline", () => {
  const out = evaluateProgram.run({ toy: phaseEvaluations() }, params, ctx) as ProgramMetrics;
  const program = programOf(out)!;
  assert.equal(program.phases[0].id, "toy");
  assert.deepEqual(out.models, []);
  assert.ok(metrics["toy.best_excess"] > 0.2);
  assert.ok(metrics["toy.snooping_p"] < 0.05);
});

Deno.test("evaluate.program: a phase without input, or an input without phase, is named", () => {
  assert.throws(() => evaluateProgram.run({}, params, ctx), /phase "toy" has no input/);
  assert.throws(
    () => evaluateProgram.run({ toy: phaseEvaluations(), other: [] }, params, ctx),
    /input "other" is not a phase of params.phases \(toy\)/,
  );
});
