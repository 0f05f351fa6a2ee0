/** Runs stopped from outside: SIGTERM is an interruption; a SIGKILLed run stays traceable. */
import assert from "node:assert/strict";
import { readLedger } from "../../../engine/ledger/ledger.ts";
import { FixtureProject, outcomes } from "../fixture_project.ts";

/** Starts the control pipeline with a slow node that takes a minute; waits until it runs. */
async function startSlowRun(project: FixtureProject): Promise<Deno.ChildProcess> {
  const child = project.command(["pipeline", "control", "--set", "slow.ms=60000", "--jobs", "1"])
    .spawn();
  const deadline = Date.now() + 60_000;
  while (!project.ran().includes("slow")) {
    if (Date.now() > deadline) throw new Error("the slow node never started");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

Deno.test("SIGTERM interrupts a run like Ctrl-C: a ledger line, exit code 143", async () => {
  await using project = await FixtureProject.create();
  const child = await startSlowRun(project);
  child.kill("SIGTERM");
  const output = await child.output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 143, stderr);
  assert.match(stderr, /SIGTERM: interrupting/);
  const entry = project.lastRun();
  assert.equal(entry.status, "interrupted");
  assert.ok(outcomes(entry, "interrupted").includes("slow"));
  assert.ok(outcomes(entry, "miss").includes("src"));
  const runs = await project.expectCli(["runs", "--status", "interrupted", "--json"]);
  assert.equal(JSON.parse(runs.stdout).runId, entry.runId);
});

Deno.test("a SIGKILLed run is listed as unfinished and the runs that reuse its outputs cite it", async () => {
  await using project = await FixtureProject.create();
  const child = await startSlowRun(project);
  child.kill("SIGKILL");
  await child.output();
  assert.equal(project.ledger().length, 0, "no ledger line: the run had no chance to write one");
  const listed = await project.expectCli(["runs", "--json"]);
  const killed = JSON.parse(listed.stdout);
  assert.equal(killed.status, "unfinished");
  assert.equal(killed.pipeline, "control");
  assert.deepEqual(killed.nodes, []);
  assert.match((await project.expectCli(["runs"])).stdout, /control\s+unfinished/);
  const filtered = await project.expectCli(["runs", "--status", "unfinished", "--json"]);
  assert.equal(JSON.parse(filtered.stdout).runId, killed.runId);

  const next = await project.expectCli(["pipeline", "control", "--set", "slow.ms=5"]);
  assert.match(next.stderr, new RegExp(`run ${killed.runId} never finished \\(killed\\?\\)`));
  const [unfinished, ok] = project.ledger();
  assert.equal(unfinished.runId, killed.runId);
  assert.equal(unfinished.status, "unfinished");
  const src = ok.nodes.find((node) => node.id === "src")!;
  assert.equal(src.outcome, "hit");
  assert.equal(src.cached!.runId, killed.runId, "the cited run resolves in the ledger");
  const { entries } = readLedger(project.path(".finfusion"));
  assert.deepEqual(entries.map((entry) => entry.status), ["unfinished", "ok"], "listed once");
});

Deno.test("SIGTERM while waiting for the store lock ends the wait at once: exit 143, nothing ran", async () => {
  await using project = await FixtureProject.create();
  const holder = await startSlowRun(project);
  const waiting = project.command(["pipeline", "control"]).spawn();
  const reader = waiting.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let stderr = "";
  while (!stderr.includes("waiting for the store lock")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the second run never waited for the lock:\n${stderr}`);
    stderr += value;
  }
  waiting.kill("SIGTERM");
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    stderr += chunk.value;
  }
  const status = await waiting.status;
  await waiting.stdout.cancel();
  assert.equal(status.code, 143, stderr);
  assert.match(stderr, /interrupted while waiting for the store lock held by pid \d+.*nothing ran/);
  holder.kill("SIGKILL");
  await holder.output();
  assert.equal(project.ledger().length, 0);
});
