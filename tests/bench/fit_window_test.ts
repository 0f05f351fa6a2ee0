/**
 * "When did the last fit finish" on a real run: the fixture pipeline `fx` (fetch → feature →
 * split → four train nodes in Workers → evaluate → report) run by the real CLI with `--plain`
 * under the process monitor, read back from its ledger entry and timed output lines.
 */
import assert from "node:assert/strict";
import { CLI, CONFIG, FixtureProject } from "../engine/fixture_project.ts";
import { coresBusy, lastComputedFinish } from "../../bench/engine/fit_window.ts";
import { monitorDeno, type ProcessUsage } from "../../bench/process_monitor.ts";
import { computedNodeOf } from "../../engine/cli/progress_log.ts";

Deno.test({
  name: "the last computed train node of a real run, and the cores busy until it finished",
  ignore: Deno.build.os !== "linux",
  fn: async () => {
    await using project = await FixtureProject.create();
    const run = () =>
      monitorDeno(
        ["run", "-A", "--config", CONFIG, CLI, "pipeline", "fx", "--plain", "--root", project.root],
        { env: { FIXTURE_LOG: project.log, NO_COLOR: "1" } },
      );
    const cold = await run();
    const entry = project.lastRun();
    const end = lastComputedFinish(entry, cold.lines);

    const fits = entry.nodes.filter((node) => node.kind === "train").map((node) => node.id);
    assert.equal(fits.length, 4);
    assert.equal(end.computed, 4);
    assert.ok(fits.includes(end.node), `${end.node} is a fit`);
    const doneAt = new Map(
      cold.lines.map((line) => [computedNodeOf(line.text), line.atMs] as const),
    );
    for (const fit of fits) assert.ok(doneAt.get(fit)! <= end.atMs, `${fit} finished before`);
    // Lines that arrive in one chunk share a time: the order shows the evaluation came after.
    assert.ok(end.atMs <= doneAt.get("metrics")!, "the evaluation waits for every fit");
    const order = cold.lines.map((line) => computedNodeOf(line.text));
    assert.ok(order.indexOf(end.node) < order.indexOf("metrics"));
    assert.ok(end.atMs < cold.wallMs);
    const busy = coresBusy(cold.usage as ProcessUsage, end.atMs);
    assert.ok(busy > 0 && busy <= 2.2, `cores busy ${busy}`);
    assert.equal(lastComputedFinish(entry, cold.lines, "evaluate").node, "metrics");

    const withoutLast = cold.lines.filter((line) => computedNodeOf(line.text) !== end.node);
    assert.throws(
      () => lastComputedFinish(entry, withoutLast),
      new RegExp(`no "done ${end.node.replace(/[[\]]/g, "\\$&")} in …" line`),
    );

    // A fully cached re-run is not added to the ledger; a new report title recomputes only it.
    project.edit("pipelines/fx.ts", (text) => text.replace('"Fixture"', '"Fixture, again"'));
    const reported = await run();
    const second = project.lastRun();
    assert.notEqual(second.runId, entry.runId);
    assert.throws(
      () => lastComputedFinish(second, reported.lines),
      /computed no train node \(all cached\?\): measure a run into an empty store/,
    );
  },
});
