import assert from "node:assert/strict";
import { benchTable, median, meetsTarget } from "../../bench/result.ts";
import { GENERATED_NODES, writeGeneratedPipeline } from "../../bench/engine/dag_generator.ts";
import { loadPipeline } from "../../engine/declare/loader.ts";
import { BENCH_MODULES, selectModules } from "../../bench/main.ts";

Deno.test("bench results: targets, medians and the Markdown table", () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(meetsTarget({ name: "a", value: 900, unit: "ms", target: 1000 }), true);
  assert.equal(
    meetsTarget({ name: "a", value: 2, unit: "x", target: 3, higherIsBetter: true }),
    false,
  );
  assert.equal(meetsTarget({ name: "a", value: 2, unit: "x" }), null);
  const table = benchTable([{
    name: "plan",
    value: 12.345,
    unit: "ms",
    target: 1000,
    notes: "a|b",
  }]);
  assert.equal(table.split("\n")[2], "| plan | 12.35 ms | < 1000 ms | yes | a\\|b |");
});

Deno.test("the generated benchmark DAG has 500 valid nodes", async () => {
  const root = await Deno.makeTempDir();
  try {
    writeGeneratedPipeline(root);
    const graph = await loadPipeline({ root, pipeline: "gen500" });
    assert.equal(graph.nodes.length, GENERATED_NODES);
    assert.equal(graph.groups.get("fit")!.length, 300);
    assert.equal(graph.byId.get("report")!.upstream.length, 50);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("bench modules: opt-in ones run only when a filter names them", () => {
  const names = (filters: string[]) =>
    selectModules(filters).map(({ url }) => url.split("/").slice(-2).join("/"));
  const all = names([]);
  assert.ok(all.includes("engine/weekly_tft.ts") && all.includes("mixers/epoch.ts"));
  assert.ok(!all.includes("engine/daily_tft.ts"), "the ~10-minute daily cold run ran by default");
  assert.equal(all.length, BENCH_MODULES.filter(({ optIn }) => optIn === null).length);
  assert.deepEqual(names(["daily_tft"]), ["engine/daily_tft.ts"]);
  assert.deepEqual(names(["nothing-matches"]), []);
  for (const { url } of BENCH_MODULES) assert.ok(url.startsWith("file:"), url);
});
