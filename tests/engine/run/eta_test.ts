/** The run-level ETA: history from the ledger, early-stopped epochs, unknown nodes. */
import assert from "node:assert/strict";
import { nodeHistory, RunEta } from "../../../engine/run/eta.ts";
import { describeEta } from "../../../engine/cli/progress_log.ts";
import type { LedgerEntry, LedgerNode } from "../../../engine/ledger/ledger.ts";
import { FixtureProject } from "../fixture_project.ts";

const node = (id: string, outcome: LedgerNode["outcome"], ms: number, epochs?: number) =>
  ({ id, outcome, ms, ...(epochs ? { epochs } : {}) }) as LedgerNode;
const run = (pipeline: string, nodes: LedgerNode[]) => ({ pipeline, nodes }) as LedgerEntry;

Deno.test("nodeHistory keeps each node's latest compute in the pipeline", () => {
  const history = nodeHistory([
    run("weekly", [node("fit", "miss", 9000, 40), node("fold", "miss", 20)]),
    run("daily", [node("fit", "miss", 1)]),
    run("weekly", [node("fit", "miss", 6000, 30), node("fold", "hit", 0)]),
  ], "weekly");
  assert.deepEqual(history.get("fit"), { ms: 6000, epochs: 30 });
  assert.deepEqual(history.get("fold"), { ms: 20 }, "a hit is no compute");
});

Deno.test("a running fit is judged by the epochs its last fit ran, not its epoch budget", () => {
  let now = 0;
  const history = new Map([["fit", { ms: 10_000, epochs: 30 }], ["next", { ms: 5000 }]]);
  const eta = new RunEta(["fit", "next", "new"], history, 2, () => now);
  eta.observe({ type: "start", node: "fit", reason: "stale", index: 1, total: 3 });
  now = 1000;
  assert.equal(
    eta.observe({ type: "progress", node: "fit", update: { epoch: 3, epochs: 200 } }),
    true,
  );
  // (30 − 3) epochs × 333 ms left on fit (the longest node: more than the 14 s of work over
  // 2 jobs), 5 s for next; "new" has no history.
  assert.deepEqual(eta.estimate(), { ms: 9000, unknown: 1 });
  assert.equal(describeEta(eta.estimate()), "run ETA ≥ 9.0 s (1 nodes without history)");
  // Past its last fit's epochs: at least one more epoch is not promised, zero is left.
  now = 12_000;
  eta.observe({ type: "progress", node: "fit", update: { epoch: 36, epochs: 200 } });
  eta.observe({ type: "done", node: "new", ms: 5, cached: false });
  assert.deepEqual(eta.estimate(), { ms: 5000, unknown: 0 });
  assert.equal(describeEta({ ms: 5000, unknown: 0 }), "run ETA 5.0 s");
  assert.equal(describeEta({ ms: 0, unknown: 2 }), null);
  assert.deepEqual([...eta.epochs], [["fit", 36]]);
});

Deno.test("the ledger records each fit's epochs; a re-run shows the run ETA", async () => {
  await using project = await FixtureProject.create();
  await project.expectCli(["pipeline", "fx"]);
  const fit = project.lastRun().nodes.find((n) => n.id === "fit[year=2016,model=a]")!;
  assert.equal(fit.epochs, 3);
  assert.equal(project.lastRun().nodes.find((n) => n.id === "raw")!.epochs, undefined);
  const again = await project.expectCli(["pipeline", "fx", "--force", "fit", "--jobs", "1"]);
  assert.match(
    again.stderr,
    /\ndone fit\[year=2016,model=a\] in [\d.]+ m?s · run ETA [\d.]+ m?s\n/,
  );
});
