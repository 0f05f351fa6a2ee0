/**
 * The program report end to end on real evaluations of the fixture fits: two phases, each
 * evaluated under three replicates (the TFT's calls flipped on some rows per seed), through
 * `evaluate.program` and the report renderer with the "program" section only.
 */
import assert from "node:assert/strict";
import type { Gathered } from "../../engine/task.ts";
import type { TrainResult } from "../../models/contract.ts";
import { evaluateFits } from "../../evaluation/evaluate.ts";
import { DEFAULT_SETTINGS } from "../../evaluation/settings.ts";
import { evaluateProgram, programParams } from "../../tasks/program.ts";
import { renderReportFiles } from "../../reports/render_report.ts";
import { buildFits } from "../evaluation/fixtures.ts";
import { recordingContext } from "../tasks/task_context.ts";

const settings = { ...DEFAULT_SETTINGS, bootstrapReps: 200 };

function reseeded(every: number): Gathered<TrainResult> {
  return buildFits({ years: [2019, 2020, 2021], horizon: 1 }).map((entry) => {
    if (entry.value.label === "always-long" || every === 0) return entry;
    const point = Float32Array.from(entry.value.test.point, (p, i) => i % every === 0 ? -p : p);
    return { ...entry, value: { ...entry.value, test: { ...entry.value.test, point } } };
  });
}

const perReplicate = [0, 3, 5].map((every, replicate) => ({
  id: `phase-metrics[replicate=${replicate}]`,
  coords: { replicate: String(replicate) },
  value: evaluateFits(reseeded(every), settings),
}));

Deno.test("program report: verdicts, reference and per-variant tables on the page and in summary.md", async () => {
  const params = programParams.parse({
    phases: [
      {
        id: "regime-attention",
        title: "Regime attention",
        hypothesis: "Hypothesis: gated heads beat always-long",
        claim: "beats-always-long",
        control: "tft",
      },
      {
        id: "feature-ablation",
        title: "Feature ablation",
        hypothesis: "Hypothesis: no feature set beats always-long",
        claim: "no-better-than-always-long",
      },
    ],
    scope: ["Weekly bars only: daily <copies> cost too much"],
  });
  const ctx = recordingContext("program");
  const metrics = await evaluateProgram.run(
    { "regime-attention": perReplicate, "feature-ablation": perReplicate },
    params,
    ctx,
  );
  const { files } = await renderReportFiles(metrics, { title: "Program", sections: ["program"] });
  const summary = files["summary.md"] as string;
  const html = files["index.html"] as string;
  assert.match(summary, /## Program/);
  // The scope list: what was cut and why, in both files (escaped on the page).
  assert.match(
    summary,
    /### Scope: what was cut[^\n]*\n\n- Weekly bars only: daily <copies> cost too much/,
  );
  assert.match(html, /<li>Weekly bars only: daily &lt;copies&gt; cost too much<\/li>/);
  assert.match(summary, /\*\*2 hypotheses, \d+ runs: /);
  // p-values in cells are bare numbers, spreads unsigned, no "= =" anywhere.
  assert.doesNotMatch(summary, /= =/);
  assert.match(summary, /\| \d\.\d pp \| \d+\.\d pp \|/);
  assert.match(summary, /\| (\d\.\d{3}|< 0\.001) \/ (\d\.\d{3}|< 0\.001) \/ /);
  assert.match(
    summary,
    /\| regime-attention \| gated heads beat always-long \| (supported|refuted|not distinguishable) \|/,
  );
  assert.match(summary, /07_regime_attention: .*\(line 19\)/);
  assert.match(summary, /12_feature_ablation: .*\(line 22\)/);
  assert.match(summary, /\| tft \(control\) \| 3 × 3 \|/);
  assert.match(summary, /\| arimax \| 3 × 3 \|/);
  assert.match(html, /<h3>regime-attention: Regime attention<\/h3>/);
  assert.match(html, /Reality Check p/);
  // The lede counts the phases' variants and runs, not the program's own (empty) model list.
  const variants = metrics.program.phases.reduce((n, phase) => n + phase.rows.length, 0);
  const lede = `Experiment program: 2 phases, ${variants} evaluated variants from ` +
    `${metrics.program.runs} runs (variant × fold × seed`;
  assert.ok(variants > 0 && metrics.program.runs > 0);
  assert.ok(summary.includes(lede), summary.slice(0, 400));
  assert.ok(html.includes(lede));
  assert.doesNotMatch(summary, /\b0 models\b/);
  // No other section: the phases' own reports carry their models and charts.
  assert.doesNotMatch(summary, /## Seeds pooled/);
});
