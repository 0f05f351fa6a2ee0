/** Loading DAG files by name, and a bad DAG file through the CLI: exit 2, nothing runs. */
import assert from "node:assert/strict";
import { listPipelines, loadPipeline } from "../../engine/loader.ts";
import { FixtureProject, REPO } from "./fixture_project.ts";

Deno.test("loadPipeline: unknown pipelines list the available ones; names must match files", async () => {
  const root = `${REPO}/tests/fixtures/engine`;
  assert.deepEqual(listPipelines(root), ["control", "fx"]);
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
