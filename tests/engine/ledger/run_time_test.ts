import assert from "node:assert/strict";
import type { LedgerNode } from "../../../engine/ledger/ledger.ts";
import { runTime } from "../../../engine/ledger/run_time.ts";

function node(id: string, ms: number, outcome: LedgerNode["outcome"] = "miss"): LedgerNode {
  const [group, coordText] = id.split(/[[\]]/);
  const coords = Object.fromEntries(
    (coordText ?? "").split(",").filter(Boolean).map((pair) => pair.split("=")),
  );
  return {
    id,
    group,
    kind: "train",
    task: "t",
    coords,
    key: null,
    params: {},
    outcome,
    ms,
    outputHash: null,
    warnings: [],
    metrics: {},
  };
}

Deno.test("run time: the nodes a run ran, per group, slowest first, split by each axis", () => {
  const time = runTime([
    node("data", 5),
    node("fit[year=2016,model=tft]", 300),
    node("fit[year=2017,model=tft]", 500),
    node("fit[year=2016,model=lstm]", 100),
    node("fit[year=2017,model=lstm]", 50, "failed"),
    node("predict[year=2016,model=tft]", 40),
    node("predict[year=2017,model=tft]", 2000, "hit"),
    node("report", 0, "skipped"),
    node("predict[year=2017,model=lstm]", 0, "interrupted"),
    node("predict[year=2016,model=lstm]", 7, "interrupted"),
  ]);
  assert.equal(time.ran, 7);
  assert.equal(time.ranMs, 1002);
  assert.deepEqual(time.groups.map((g) => [g.group, g.nodes, g.ms]), [
    ["fit", 4, 950],
    ["predict", 2, 47],
    ["data", 1, 5],
  ]);
  const fit = time.groups[0];
  assert.deepEqual(fit.longest, { id: "fit[year=2017,model=tft]", ms: 500 });
  assert.deepEqual(fit.axes, [
    {
      axis: "year",
      values: [{ value: "2017", nodes: 2, ms: 550 }, { value: "2016", nodes: 2, ms: 400 }],
    },
    {
      axis: "model",
      values: [{ value: "tft", nodes: 2, ms: 800 }, { value: "lstm", nodes: 2, ms: 150 }],
    },
  ]);
  // A cached node's time was spent by an earlier run, and an interrupted node that never
  // started took none; an axis with one value splits nothing.
  assert.deepEqual(time.groups[1].axes.map((axis) => axis.axis), ["model"]);
  assert.deepEqual(time.groups[2].axes, []);
});

Deno.test("run time: a fully cached run computed nothing", () => {
  const time = runTime([node("fit[year=2016]", 300, "hit")]);
  assert.deepEqual(time, { ran: 0, ranMs: 0, groups: [] });
});
