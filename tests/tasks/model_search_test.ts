/**
 * The claims/million-models pipeline on a tiny slice: its DAG file loads (with a narrowed
 * chunk sweep), and its nodes from the design on run in order on a synthetic daily frame,
 * down to the rendered report.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { loadPipeline } from "../../engine/declare/loader.ts";
import type { ReportFiles } from "../../engine/task.ts";
import type { EvaluationMetrics } from "../../evaluation/evaluation.ts";
import type { ChunkResult } from "../../models/search/chunk.ts";
import { searchChunk } from "../../tasks/model_search.ts";
import { modelSearchSection } from "../../reports/sections/model_search.ts";
import { recordingContext } from "./task_context.ts";
import { SYNTHETIC_WINDOWS, syntheticFrame } from "../models/search/fixture.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));

async function runSlice(models: number) {
  const graph = await loadPipeline({
    root: REPO,
    pipeline: "claims/million-models",
    overrides: ["search.chunk=[0,1]", `search.models=${models}`, "metrics.reps=100"],
  });
  const outputs = new Map<string, unknown>([["features", syntheticFrame()]]);
  const contexts = new Map<string, ReturnType<typeof recordingContext>>();
  for (const node of graph.nodes) {
    if (node.kind === "fetch" || node.kind === "feature") continue;
    const inputs = Object.fromEntries(
      Object.entries(node.inputs).map(([name, binding]) => [
        name,
        binding.kind === "one" ? outputs.get(binding.node) : binding.nodes.map((id) => ({
          id,
          coords: graph.byId.get(id)!.coords,
          value: outputs.get(id),
        })),
      ]),
    );
    // The tiny frame ends in 2006: the design's windows move inside it.
    const params = node.id === "design" ? SYNTHETIC_WINDOWS : node.params;
    const ctx = { ...recordingContext(node.id), coords: node.coords, pipeline: graph.name };
    contexts.set(node.id, ctx);
    outputs.set(node.id, await node.task.run(inputs as never, params as never, ctx));
  }
  return { graph, outputs, contexts };
}

Deno.test("claims/million-models: the DAG loads, its chunks sweep, its nodes run to a report", async () => {
  const { graph, outputs, contexts } = await runSlice(6);
  assert.deepEqual(graph.groups.get("search"), ["search[chunk=0]", "search[chunk=1]"]);
  const metrics = outputs.get("metrics") as EvaluationMetrics;
  const search = metrics.modelSearch!;
  assert.equal(search.models, 12);
  assert.equal(search.histogram.reduce((n, b) => n + b.count, 0), 12);
  assert.equal(search.snooping.reps, 100);
  assert.ok(search.snooping.realityCheck.pValue >= 0 && search.snooping.realityCheck.pValue <= 1);
  assert.equal(contexts.get("metrics")!.metrics["search.models"], 12);
  const files = (outputs.get("report") as ReportFiles).files;
  const summary = files["summary.md"] as string;
  assert.match(summary, /## Model search/);
  assert.ok(summary.includes(search.verdict));
  assert.match(summary, /White's Reality Check/);
  assert.match(summary, /a single test window \(\d+ test days from .*12 searched models/);
  const html = files["index.html"] as string;
  assert.match(html, /data-chart="model-search-histogram"/);
  assert.match(html, /SPA \(consistent\)/);
  assert.ok(!/id="headline"/.test(html), "only the sections the report node names");
});

Deno.test("claims/million-models: a chunk is the same models on a rerun, other chunks differ", async () => {
  const { outputs } = await runSlice(5);
  const design = outputs.get("design");
  const params = { chunk: 0, models: 5, weights: { tree: 1, ridge: 1, knn: 1, rule: 1 } };
  const again = await searchChunk.run(
    { design } as never,
    params,
    recordingContext("search[chunk=0]"),
  );
  assert.deepStrictEqual(again, outputs.get("search[chunk=0]"));
  assert.notDeepStrictEqual(
    (outputs.get("search[chunk=1]") as ChunkResult).specs,
    again.specs,
  );
  assert.throws(
    () => searchChunk.run({ design: { kind: "fold" } } as never, params, recordingContext("s")),
    /input "design" is not a search design/,
  );
});

Deno.test("model-search section: empty, so left out, for an evaluation without a search", async () => {
  const { outputs } = await runSlice(4);
  const { modelSearch: _search, ...plain } = outputs.get("metrics") as EvaluationMetrics;
  const identity = { nodeId: "report", pipeline: null, key: null };
  assert.deepEqual(modelSearchSection.html({ metrics: plain, identity, figures: () => "" }), []);
  assert.deepEqual(modelSearchSection.markdown({ metrics: plain, identity }), []);
  assert.deepEqual(modelSearchSection.charts!(plain), [null]);
});
