/**
 * The evaluate and report nodes as a DAG file declares them: the benchmark, comparisons and
 * report sections are node parameters, validated when the file loads.
 */
import assert from "node:assert/strict";
import type { PipelineBuilder } from "../../engine/mod.ts";
import { pipeline } from "../../engine/declare/declare.ts";
import { graphFromDefinition } from "../../engine/declare/loader.ts";
import { DEFAULT_SECTIONS } from "../../reports/sections/registry.ts";
import { evaluateForecasts } from "../../tasks/evaluate.ts";
import { renderReport } from "../../tasks/report.ts";
import { fitLine } from "../fixtures/engine/tasks/fit.ts";
import { source, window } from "../fixtures/engine/tasks/numbers.ts";
import { expectIssue, FILE } from "../engine/declaration_issues.ts";

function study(evaluate: Record<string, unknown>, report: Record<string, unknown>) {
  return (p: PipelineBuilder) => {
    const raw = p.fetch("raw", source, { n: 4 });
    const fold = p.split("fold", window, { year: 2016 }, { values: raw });
    p.train("fit", fitLine, { model: { slope: 1 } }, { fold });
    // Declared only, never run: the fixture's train task stands in for a model's.
    const metrics = p.evaluate("metrics", evaluateForecasts, evaluate, { fits: "fit" });
    p.report("report", renderReport, report, { metrics });
  };
}

Deno.test("a DAG names the benchmark, the comparisons and the sections", async () => {
  const build = study(
    { benchmark: "ridge", comparisons: [{ against: "tft", losses: ["squared"] }] },
    { sections: ["headline", "volatility", "method"] },
  );
  const graph = await graphFromDefinition(pipeline({ name: "study" }, build), { file: FILE });
  assert.deepEqual(graph.byId.get("metrics")!.params, {
    ciLevel: 0.95,
    bootstrapReps: 2000,
    blockLength: null,
    seed: null,
    backtest: { costPerTrade: 0.001, threshold: 0 },
    benchmark: "ridge",
    comparisons: [{ against: "tft", losses: ["squared"] }],
  });
  assert.deepEqual(graph.byId.get("report")!.params, {
    title: "finfusion report",
    sections: ["headline", "volatility", "method"],
  });
  const plain = await graphFromDefinition(pipeline({ name: "plain" }, study({}, {})), {
    file: FILE,
  });
  const metrics = plain.byId.get("metrics")!.params as { benchmark: string };
  assert.equal(metrics.benchmark, "always-long", "always-long stays the default");
  const report = plain.byId.get("report")!.params as { sections: string[] };
  assert.deepEqual(report.sections, [...DEFAULT_SECTIONS]);
});

Deno.test("a DAG that names an unknown section or loss fails when it loads", async () => {
  await expectIssue(
    study({}, { sections: ["headline", "fusion-weights"] }),
    "report",
    "params.sections",
    /unknown report section "fusion-weights"; the registered sections are headline/,
  );
  await expectIssue(
    study({ comparisons: [{ against: "tft", losses: ["hinge"] }] }, {}),
    "metrics",
    "params.comparisons.0.losses.0",
    /directional|squared/,
  );
});
