import assert from "node:assert/strict";
import { pipeline, sweep } from "../../../engine/mod.ts";
import { graphFromDefinition } from "../../../engine/declare/loader.ts";
import { scale, source, window } from "../../fixtures/engine/tasks/numbers.ts";
import { fitLine } from "../../fixtures/engine/tasks/fit.ts";
import { summarize } from "../../fixtures/engine/tasks/summary.ts";

const definition = pipeline({ name: "grid", seed: 5 }, (p) => {
  const raw = p.fetch("raw", source, { n: sweep([4, 8]) });
  const other = p.fetch("other", source, { n: 2 });
  const scaled = p.feature("scaled", scale, { factor: 2 }, { values: raw });
  const fold = p.split("fold", window, { year: sweep([2016, 2017]) }, { values: scaled });
  const fit = p.train("fit", fitLine, { model: sweep({ a: { slope: 1 }, b: { slope: 2 } }) }, {
    fold,
  });
  p.evaluate("perYear", summarize, {}, { fits: fit.gather("model"), other });
  p.evaluate("all", summarize, {}, { fits: fit.gather(), other: "other" });
});

Deno.test("sweeps expand into nodes; mapped inputs inherit axes; gathers collect expansions", async () => {
  const graph = await graphFromDefinition(definition, { file: "grid.ts" });
  assert.deepEqual(graph.groups.get("raw"), ["raw[n=4]", "raw[n=8]"]);
  assert.deepEqual(graph.groups.get("scaled"), ["scaled[n=4]", "scaled[n=8]"]);
  assert.equal(graph.groups.get("fit")!.length, 8);
  assert.equal(graph.groups.get("fit")![0], "fit[n=4,year=2016,model=a]");
  const fit = graph.byId.get("fit[n=8,year=2017,model=b]")!;
  assert.deepEqual(fit.coords, { n: "8", year: "2017", model: "b" });
  assert.deepEqual(fit.inputs.fold, { kind: "one", node: "fold[n=8,year=2017]" });
  assert.deepEqual(fit.params, { model: { slope: 2, epochs: 3, fail: false } });
  const perYear = graph.byId.get("perYear[n=4,year=2016]")!;
  assert.deepEqual(perYear.inputs.fits, {
    kind: "gather",
    nodes: ["fit[n=4,year=2016,model=a]", "fit[n=4,year=2016,model=b]"],
  });
  assert.deepEqual(perYear.inputs.other, { kind: "one", node: "other" });
  const all = graph.byId.get("all")!;
  assert.equal(all.coords && Object.keys(all.coords).length, 0);
  assert.equal((all.inputs.fits as { nodes: string[] }).nodes.length, 8);
  const order = graph.nodes.map((node) => node.id);
  for (const node of graph.nodes) {
    for (const upstream of node.upstream) {
      assert.ok(order.indexOf(upstream) < order.indexOf(node.id));
    }
  }
  assert.equal(graph.seed, 5);
});

Deno.test("mapped inputs that disagree on an axis: one named issue, downstream nodes skipped", async () => {
  const mismatched = pipeline({ name: "mismatch", seed: 5 }, (p) => {
    const a = p.fetch("a", source, { n: sweep([4, 8]) });
    const b = p.fetch("b", source, { n: sweep([4]) });
    // Types aside (the fixture tasks' shapes do not chain): only the wiring matters here.
    const fit = p.train("fit", fitLine, { model: sweep({ a: { slope: 1 } }) }, {
      fold: p.split("fold", window, { year: sweep([2016, 2017]) }, { values: a }),
    });
    const narrowed = p.split("narrow", window, { year: sweep([2016]) }, { values: b });
    const joined = p.evaluate("joined", summarize, {}, {
      fits: fit.gather("model"),
      other: narrowed as never,
    });
    p.evaluate("after", summarize, {}, { fits: "fit", other: joined as never });
  });
  await assert.rejects(
    () => graphFromDefinition(mismatched, { file: "mismatch.ts" }),
    (error: Error) => {
      assert.doesNotMatch(error.message, /Cannot read properties/);
      assert.match(error.message, /axis "year" has labels \[2016\] here but \[2016,2017\]/);
      assert.match(error.message, /mapped inputs must agree/);
      return true;
    },
  );
});
