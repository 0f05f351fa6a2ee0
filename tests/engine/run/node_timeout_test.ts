/** `--node-timeout` from the command line: a node that never settles fails, the run ends. */
import assert from "node:assert/strict";
import { FixtureProject, outcomes } from "../fixture_project.ts";

Deno.test("--node-timeout fails a node that never settles, and the run ends", async () => {
  await using project = await FixtureProject.create();
  const started = Date.now();
  const result = await project.expectCli(
    ["pipeline", "control", "--set", "slow.ms=600000", "--node-timeout", "1"],
    1,
  );
  assert.ok(Date.now() - started < 60_000, "the run did not wait for the node");
  assert.match(
    result.stdout,
    /node slow failed: node slow did not finish within the 1 s limit \(--node-timeout 1\)/,
  );
  const entry = project.lastRun();
  assert.deepEqual(outcomes(entry, "failed"), ["slow"]);
  assert.deepEqual(outcomes(entry, "skipped"), ["afterSlow"]);
  assert.equal(outcomes(entry, "miss").length, 5);
});
