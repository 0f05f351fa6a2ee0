/**
 * The program summary's control (shown, tested, not judged), its error for a control the
 * phase lacks, and the program section rendering the verdicts beside the reference.
 */
import assert from "node:assert/strict";
import { programSummary } from "../../../evaluation/program/summary.ts";
import { programSection } from "../../../reports/sections/program.ts";
import type { EvaluationMetrics } from "../../../evaluation/evaluation.ts";
import { phaseEvaluations } from "./fixture.ts";

const phase = (id: string, control: string | null) => ({
  id,
  title: "Toy phase",
  hypothesis: "Hypothesis: an intervention beats always-long",
  claim: "beats-always-long" as const,
  control,
  gathered: phaseEvaluations(),
});

Deno.test("programSummary: the control is tested but the verdict judges the others", () => {
  const [judged] = programSummary([phase("toy", null)], 0.05).phases;
  assert.equal(judged.verdict, "supported");
  const [controlled] = programSummary([phase("toy", "skilled")], 0.05).phases;
  // Only "contrarian" and "flat" are judged now: neither beats always-long, and flat's
  // interval touches zero, so not every interval lies below it.
  assert.equal(controlled.verdict, "not distinguishable");
  assert.match(controlled.reason, /^best flat /);
  const skilled = controlled.rows.find((r) => r.label === "skilled")!;
  assert.equal(skilled.control, true);
  assert.ok(skilled.ptHolm !== null, "the control stays in the adjusted family");
});

Deno.test("programSummary: a control the phase does not evaluate is an error", () => {
  assert.throws(
    () => programSummary([phase("toy", "tft")], 0.05),
    /phase "toy" names control "tft", but its evaluations have models skilled, contrarian/,
  );
});

Deno.test("program section: verdicts beside the reference's reported result", () => {
  const program = programSummary([phase("regime-attention", "skilled")], 0.05);
  const metrics = { program } as unknown as EvaluationMetrics;
  const identity = { nodeId: "program-report", pipeline: "finfusion/program", key: null };
  const text = programSection.markdown({ metrics, identity }).join("\n");
  assert.match(text, /1 hypothesis, 18 runs: 0 supported, 0 refuted, 1 not distinguishable/);
  assert.match(
    text,
    /\| regime-attention \| an intervention beats always-long \| not distinguishable \|/,
  );
  assert.match(text, /07_regime_attention: .*rolling: no difference .*\(line 19\)/);
  assert.match(text, /\| skilled \(control\) \| 3 × 2 \|/);
  assert.match(text, /Reality Check p/);
  // Left out for metrics without a program.
  assert.deepEqual(programSection.markdown({ metrics: {} as EvaluationMetrics, identity }), []);
});

Deno.test("programSummary: each variant against the control on the same rows", () => {
  const [controlled] = programSummary([phase("toy", "skilled")], 0.05).phases;
  const byLabel = new Map(controlled.rows.map((r) => [r.label, r]));
  assert.equal(byLabel.get("skilled")!.overControl, null);
  for (const label of ["contrarian", "flat"]) {
    const row = byLabel.get(label)!;
    const versus = row.overControl!;
    // The same rows for both: the difference of the pooled accuracies.
    const skilled = byLabel.get("skilled")!;
    assert.ok(Math.abs(versus.excess - (row.da - skilled.da)) < 1e-12, label);
    assert.ok(versus.ci !== null && versus.ci.high < 0, `${label} is worse than skilled`);
    assert.ok(versus.ci.low <= versus.excess && versus.excess <= versus.ci.high);
  }
  const [free] = programSummary([phase("toy", null)], 0.05).phases;
  assert.ok(free.rows.every((r) => r.overControl === null));
});

Deno.test("programSummary: a phase left with its control alone judges the control", () => {
  const gathered = phaseEvaluations().map((entry) => ({
    ...entry,
    value: {
      ...entry.value,
      models: entry.value.models.filter((m) => ["skilled", "always-long"].includes(m.label)),
      series: entry.value.series.filter((s) => ["skilled", "always-long"].includes(s.label)),
    },
  }));
  const [alone] = programSummary([{ ...phase("toy", "skilled"), gathered }], 0.05).phases;
  assert.equal(alone.rows.length, 1);
  assert.equal(alone.verdict, "supported");
  assert.match(alone.reason, /^best skilled /);
});
