import assert from "node:assert/strict";
import { pipeline, sweep } from "../../../engine/mod.ts";
import { graphFromDefinition } from "../../../engine/declare/loader.ts";
import { summarizeNodes } from "../../../engine/declare/node_names.ts";
import { scale, source, window } from "../../fixtures/engine/tasks/numbers.ts";

const definition = pipeline({ name: "names", seed: 1 }, (p) => {
  const raw = p.fetch("raw", source, { n: 4 });
  const other = p.fetch("other", source, { n: 2 });
  const scaled = p.feature("scaled", scale, { factor: 2 }, { values: raw });
  p.split("fold", window, { year: sweep([2016, 2017, 2018, 2019]) }, { values: scaled });
  p.feature("more", scale, { factor: 3 }, { values: other });
});

Deno.test("node lists name whole sweeps by group and keep graph order", async () => {
  const graph = await graphFromDefinition(definition, { file: "names.ts" });
  const folds = graph.groups.get("fold")!;
  assert.equal(
    summarizeNodes(graph, ["scaled", ...folds, "raw"]),
    "raw, scaled, fold (all 4 expansions)",
  );
  assert.equal(summarizeNodes(graph, [folds[2], folds[0]]), "fold[year=2016], fold[year=2018]");
  assert.equal(summarizeNodes(graph, folds.slice(1)), "fold (3 of 4 expansions)");
  assert.equal(summarizeNodes(graph, ["more", "gone"]), "more, gone");
  assert.equal(summarizeNodes(graph, []), "");
});
