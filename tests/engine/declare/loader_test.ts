/**
 * Loading DAG files by name, and a bad DAG file through the CLI: exit 2, nothing runs. The
 * real pipelines load, and a miswired input of the real tasks is named before anything runs.
 */
import assert from "node:assert/strict";
import { listPipelines, loadPipeline } from "../../../engine/declare/loader.ts";
import { type PipelineBuilder, sweep } from "../../../engine/mod.ts";
import { evaluateForecasts } from "../../../tasks/evaluate.ts";
import { buildFeatures } from "../../../tasks/feature.ts";
import { fetchMacro, fetchPrices } from "../../../tasks/fetch.ts";
import { renderReport } from "../../../tasks/report.ts";
import { rollingFold } from "../../../tasks/split.ts";
import { fitModel } from "../../../tasks/train.ts";
import { expectIssue, issuesOf } from "../declaration_issues.ts";
import { FixtureProject, REPO } from "../fixture_project.ts";

Deno.test("loadPipeline: unknown pipelines list the available ones; names must match files", async () => {
  const root = `${REPO}/tests/fixtures/engine`;
  assert.deepEqual(await listPipelines(root), ["control", "fx"]);
  await assert.rejects(
    () => loadPipeline({ root, pipeline: "weekly" }),
    /unknown pipeline "weekly".*Available: control, fx\./,
  );
  const graph = await loadPipeline({ root, pipeline: "fx", seed: 11 });
  assert.equal(graph.seed, 11);
  assert.equal(graph.nodes.length, 11);
});

Deno.test("through the CLI: a bad DAG file exits 2 naming file, node and field; nothing runs", async () => {
  await using project = await FixtureProject.create();
  project.edit(
    "pipelines/fx.ts",
    (text) => text.replace("{ factor: 2 }", "{ factor: 2, facotr: 3 }"),
  );
  const result = await project.expectCli(["pipeline", "fx"], 2);
  assert.match(
    result.stderr,
    /error: pipelines\/fx\.ts: node "scaled" field "params\.facotr": unknown parameter/,
  );
  assert.deepEqual(project.ran(), []);
  assert.equal(project.ledger().length, 0);
  const unknown = await project.expectCli(["status", "nope"], 2);
  assert.match(unknown.stderr, /unknown pipeline "nope".*Available: control, fx/);
});

Deno.test("the real pipelines load, and every task in them declares its inputs", async () => {
  const names = await listPipelines(REPO);
  assert.ok(names.includes("weekly-tft") && names.includes("daily-tft"), names.join(", "));
  // The shared fragments beside them (pipelines/studies/*.ts) export no pipeline.
  assert.ok(Deno.statSync(`${REPO}/pipelines/studies/market_data.ts`).isFile);
  assert.ok(!names.some((name) => name.startsWith("studies/")), names.join(", "));
  for (const name of names) {
    const graph = await loadPipeline({ root: REPO, pipeline: name });
    for (const node of graph.nodes) {
      const needs = node.task.inputs as Record<string, string> | "open" | undefined;
      assert.ok(needs, `${name}/${node.id}: task "${node.task.name}" declares no inputs`);
      // An open task names its inputs by its params and checks them when it runs.
      if (needs === "open") continue;
      const required = Object.keys(needs).filter((input) => needs[input] === "required");
      assert.ok(required.every((input) => input in node.inputs), `${name}/${node.id}`);
    }
  }
});

Deno.test("a miswired input of the real tasks is named at load time", async () => {
  const study = (p: PipelineBuilder, miswire: "evaluate" | "feature" | "split" | "fetch") => {
    const spx = p.fetch("spx", fetchPrices, { symbol: "^GSPC" });
    const macro = p.fetch("macro", fetchMacro, {}, miswire === "fetch" ? { spx } as never : {});
    const features = p.feature(
      "features",
      buildFeatures,
      {},
      (miswire === "feature" ? { spx } : { spx, macro }) as never,
    );
    const fold = p.split(
      "fold",
      rollingFold,
      { testYear: sweep([2016, 2017]) },
      (miswire === "split" ? { spx } : { features }) as never,
    );
    const fit = p.train("fit", fitModel, { model: { kind: "always-long" } }, { fold });
    // The evaluate task reads the fits only; passing the folds too is a declaration error.
    const extra = miswire === "evaluate" ? { folds: fold.gather() } : {};
    const metrics = p.evaluate("metrics", evaluateForecasts, {}, {
      fits: fit.gather(),
      ...extra,
    } as never);
    p.report("report", renderReport, {}, { metrics });
  };
  await expectIssue(
    (p) => study(p, "evaluate"),
    "metrics",
    "inputs.folds",
    /unknown input for task "evaluate\.forecasts" \(it takes: fits, moreFits, features\)/,
  );
  await expectIssue(
    (p) => study(p, "feature"),
    "features",
    "inputs.macro",
    /task "feature\.build-features" needs input "macro"/,
  );
  const split = await issuesOf((p) => study(p, "split"));
  assert.deepEqual(split.map((issue) => [issue.node, issue.field]).sort(), [
    ["fold", "inputs.features"],
    ["fold", "inputs.spx"],
  ]);
  await expectIssue(
    (p) => study(p, "fetch"),
    "macro",
    "inputs.spx",
    /unknown input for task "fetch\.macro" \(it takes: no inputs\)/,
  );
});
