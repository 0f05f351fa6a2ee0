/**
 * The job queue against a real Redis and a real S3-compatible server, with real worker
 * processes (the CLI's `worker`): a queued run gives the same keys, outputs and report as a
 * local run; a task failure after its tries reads as a local run's; progress from workers
 * reaches the planner.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ALL_NODES, FixtureProject } from "../fixture_project.ts";
import type { LedgerEntry } from "../../../engine/ledger/ledger.ts";
import { Cluster, keysAndOutputs } from "./cluster.ts";

/** The object files s3rver keeps under a folder. */
function objectFiles(dir: string): string[] {
  return [...Deno.readDirSync(dir)].flatMap((entry) =>
    entry.isDirectory
      ? objectFiles(join(dir, entry.name))
      : entry.name.endsWith("._S3rver_object")
      ? [join(dir, entry.name)]
      : []
  );
}

const REPORT = "out/reports/fx/latest/summary.md";

Deno.test("a queued run on two workers equals a local run, byte for byte", async () => {
  await using cluster = await Cluster.start();
  await using workers = await FixtureProject.create();
  await cluster.startWorker(workers, "same");
  await cluster.startWorker(workers, "same");
  await using local = await FixtureProject.create();
  await local.expectCli(["pipeline", "fx", "--plain"]);
  await using planner = await FixtureProject.create();
  const run = await planner.expectCli(
    ["pipeline", "fx", "--plain", ...cluster.args("same")],
    0,
    cluster.env,
  );
  const output = run.stdout + run.stderr;
  // Nothing ran on the planner; each node ran exactly once, on a worker.
  assert.deepEqual(planner.ran(), []);
  assert.deepEqual(workers.ran().sort(), ALL_NODES, cluster.logs());
  assert.deepEqual(keysAndOutputs(planner.lastRun()), keysAndOutputs(local.lastRun()));
  assert.equal(planner.lastRun().misses, ALL_NODES.length);
  assert.equal(
    Deno.readTextFileSync(planner.path(REPORT)),
    Deno.readTextFileSync(local.path(REPORT)),
  );
  // Remote progress lines and the worker that took each node reach the planner.
  assert.match(output, /job queue redis:\/\/127\.0\.0\.1:\d+: nodes go to workers on queue/);
  assert.match(output, /fit\[year=2016,model=a\] on worker [^ ]+:\d+, try 1/);
  assert.match(output, /fit\[year=2016,model=a\] epoch 3\/3/);
  assert.match(output, /warning \[metrics\]: summarized 4 fits/);
  // The worker published each output with its pointer; the planner's push added provenance.
  const names = (await cluster.s3.backend("same").list("keys/")).map((entry) => entry.name);
  assert.equal(names.filter((name) => name.endsWith(".ptr")).length, ALL_NODES.length);
  assert.equal(names.filter((name) => name.endsWith(".meta")).length, ALL_NODES.length);
  // The push after the ledger line sent no object again: the workers' copies were verified.
  // (s3rver's files carry millisecond times; its listing only seconds.)
  const finished = Date.parse(planner.lastRun().finishedAt);
  const files = objectFiles(join(cluster.s3.directory, cluster.s3.bucket, "same", "objects"));
  assert.equal(files.length, ALL_NODES.length);
  for (const file of files) {
    assert.ok(Deno.statSync(file).mtime!.getTime() <= finished, `${file} written by the push`);
  }

  // Run again: everything is fresh locally, nothing is enqueued.
  const again = await planner.expectCli(
    ["pipeline", "fx", "--plain", ...cluster.args("same")],
    0,
    cluster.env,
  );
  assert.match(again.stdout, /11 cached, 0 computed/);
  assert.deepEqual(workers.ran(), []);
  // SIGTERM stops a worker in order: it stops taking jobs and exits 0.
  for (const worker of cluster.workers) {
    const status = await worker.stop("SIGTERM");
    assert.equal(status.code, 0, worker.log);
    assert.match(worker.log, /stopping: finishing the running jobs/);
  }
});

Deno.test("a queued task that fails after its tries reads as a local failure", async () => {
  await using cluster = await Cluster.start();
  await using workers = await FixtureProject.create();
  const worker = await cluster.startWorker(workers, "fail");
  const args = ["pipeline", "control", "--plain", "--set", "flaky.fail=true"];

  await using local = await FixtureProject.create();
  const expected = await local.expectCli(args, 1);
  await using planner = await FixtureProject.create();
  const started = performance.now();
  const run = await planner.expectCli(
    [...args, ...cluster.args("fail"), "--attempts", "2"],
    1,
    cluster.env,
  );
  const failedLine = /node flaky failed: .*/.exec(expected.stdout)![0];
  assert.equal(failedLine, "node flaky failed: flaky failed on purpose");
  assert.ok(run.stdout.includes(failedLine), run.stdout + run.stderr);
  assert.match(run.stderr, /FAILED flaky: flaky failed on purpose/);
  assert.match(run.stdout, /1 downstream nodes were skipped/);
  // Two tries, with a backoff between them, then the failure; the other nodes completed.
  assert.deepEqual(workers.ran().filter((id) => id === "flaky"), ["flaky", "flaky"]);
  assert.match(worker.log, /flaky: attempt 1 failed: flaky failed on purpose/);
  assert.match(worker.log, /flaky: attempt 2 failed: flaky failed on purpose/);
  assert.ok(performance.now() - started > 1000, "the retry waits for its backoff");
  const outcome = (entry: LedgerEntry) =>
    Object.fromEntries(entry.nodes.map((node) => [node.id, node.outcome]));
  assert.deepEqual(outcome(planner.lastRun()), outcome(local.lastRun()));
});

Deno.test("a worker whose checkout differs from the planner's refuses the node", async () => {
  await using cluster = await Cluster.start();
  await using workers = await FixtureProject.create();
  workers.edit("tasks/numbers.ts", (text) => `${text}\n// edited on the worker only\n`);
  await cluster.startWorker(workers, "code");
  await using planner = await FixtureProject.create();
  const run = await planner.expectCli(
    ["pipeline", "control", "--plain", ...cluster.args("code")],
    1,
    cluster.env,
  );
  assert.match(
    run.stdout,
    /node src failed: worker [^ ]+ has other code than the planner for src: tasks\/numbers\.ts differs/,
  );
  // Refused for good (no retries) and never run.
  assert.deepEqual(workers.ran(), []);
});
