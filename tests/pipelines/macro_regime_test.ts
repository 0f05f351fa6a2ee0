/**
 * The macro-regime pipelines, loaded through the engine's loader (validation, sweeps,
 * `--set` overrides) and their nodes run in order on a short synthetic slice: fetch nodes
 * are replaced by synthetic FRED series and S&P 500 closes; every other node runs its task.
 */
import assert from "node:assert/strict";
import { graphFromDefinition } from "../../engine/declare/loader.ts";
import type { GraphNode } from "../../engine/declare/graph.ts";
import ensemble from "../../pipelines/macro-regime/ensemble.ts";
import asPublished from "../../pipelines/macro-regime/as-published.ts";
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import type { ReportFiles } from "../../engine/task.ts";
import { macroRegimeVerdict } from "../../reports/sections/macro_regime.ts";
import { recordingContext } from "../tasks/task_context.ts";
import { syntheticSeries } from "../models/macro_regime/_synthetic.ts";

const SHORT = [
  "score.start=2012-01-01",
  "score.end=2021-12-31",
  "walk-forward.start=2015-01-01",
  "walk-forward.end=2021-06-30",
  "study.marketReps=200",
];

function fetched() {
  const series = syntheticSeries();
  // The 2s10s swings through its bands, so the score moves.
  const curve = Float64Array.from(series.T10Y2Y.values, (_, k) => 1 + 1.6 * Math.sin(k / 70));
  series.T10Y2Y = { ...series.T10Y2Y, values: curve };
  const macro = {
    kind: "macro",
    fetchedAt: null,
    warnings: [],
    series: Object.entries(series).map(([id, s]) => ({ id, ...s, source: null })),
  };
  const dates = series.T10Y2Y.dates;
  const close = Float64Array.from(dates, (_, k) => 1000 * Math.exp(k / 5000 + 0.05 * Math.sin(k)));
  return { macro, spx: { kind: "prices", dates, close } };
}

async function runAll(definition: unknown, file: string) {
  const graph = await graphFromDefinition(definition, { file, overrides: SHORT });
  const outputs = new Map<string, unknown>();
  const data = fetched();
  for (const node of graph.nodes as GraphNode[]) {
    if (node.kind === "fetch") {
      outputs.set(node.id, node.group === "macro" ? data.macro : data.spx);
      continue;
    }
    const inputs = Object.fromEntries(
      Object.entries(node.inputs).map(([name, b]) => [
        name,
        b.kind === "one" ? outputs.get(b.node) : b.nodes.map((id) => ({
          id,
          coords: graph.byId.get(id)!.coords,
          value: outputs.get(id),
        })),
      ]),
    );
    outputs.set(node.id, await node.task.run(inputs, node.params, recordingContext(node.id)));
  }
  return { graph, outputs };
}

Deno.test("macro-regime/ensemble: both timings, three horizons, report section", async () => {
  const { graph, outputs } = await runAll(ensemble, "pipelines/macro-regime/ensemble.ts");
  assert.equal(graph.name, "macro-regime/ensemble");
  assert.deepEqual([...graph.groups.get("walk-forward")!].length, 6, "2 timings × 3 horizons");
  // The ensemble and the calibration tracker are nodes of their own kinds, one per run.
  for (const [group, kind] of [["ensemble", "ensemble"], ["calibration", "calibration"]]) {
    const nodes = graph.nodes.filter((node) => node.group === group);
    assert.equal(nodes.length, 6, group);
    assert.ok(nodes.every((node) => node.kind === kind), `${group} nodes are of kind ${kind}`);
  }
  const study = outputs.get("study") as EvaluationMetrics;
  const e = study.macroRegime!;
  assert.deepEqual(e.studies.map((s) => s.timing), ["point-in-time", "as-published"]);
  for (const s of e.studies) {
    assert.deepEqual(s.horizons.map((h) => h.horizon), [7, 14, 30]);
    for (const h of s.horizons) {
      assert.ok(h.windows > 1500 / h.horizon, `${s.timing} ${h.horizon}: ${h.windows}`);
      assert.ok(h.models.ensemble.mae >= 0 && h.models.ensemble.coverage !== null);
    }
  }
  // The cone's width splits into the weighted σ and the disagreement: σ² = w² + d².
  const cone = e.studies[0].cone;
  cone.steps.forEach((_, i) => {
    const sigma = (cone.models.ensemble.upper[i] - cone.models.ensemble.lower[i]) / (2 * 1.96);
    const parts = cone.weightedStd[i] ** 2 + cone.disagreement[i] ** 2;
    assert.ok(Math.abs(sigma ** 2 - parts) < 1e-9);
    assert.ok(cone.disagreement[i] <= 1.5);
  });
  const [verdict] = macroRegimeVerdict(e);
  const beaten =
    e.studies[0].horizons.filter((h) => h.models["no-change"].mae < h.models.ensemble.mae).length;
  assert.match(verdict, new RegExp(`^point-in-time .*ensemble at ${beaten} of 3 horizons`));
  const report = outputs.get("report") as ReportFiles;
  const html = report.files["index.html"] as string;
  assert.match(html, /Macro-regime ensemble/);
  assert.match(html, /source \(published\)/);
  for (const id of ["history", "models", "width", "horizons"]) {
    assert.match(html, new RegExp(`data-chart="macro-regime-${id}"`));
  }
  const summary = report.files["summary.md"] as string;
  assert.match(summary, /\| 30d \| ours, point-in-time \|/);
  assert.match(summary, /Macro-regime score forecasts \(−5 … \+5\), expanding walk-forward at /);
  assert.doesNotMatch(summary, /0 walk-forward folds/);
});

Deno.test("macro-regime/as-published: the source's timing only", async () => {
  const { outputs } = await runAll(asPublished, "pipelines/macro-regime/as-published.ts");
  const e = (outputs.get("study") as EvaluationMetrics).macroRegime!;
  assert.deepEqual(e.studies.map((s) => s.timing), ["as-published"]);
  assert.ok(e.studies[0].interpolated > 0.9);
});
