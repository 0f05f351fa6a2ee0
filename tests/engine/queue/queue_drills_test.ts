/**
 * Drills for the job queue, each on a real Redis, a real S3-compatible server and real worker
 * processes: a worker killed with SIGKILL in the middle of a task, two planners enqueueing
 * one pipeline at once, a corrupt object in the store, and unreachable services.
 */
import assert from "node:assert/strict";
import { ALL_NODES, FixtureProject } from "../fixture_project.ts";
import { sha256Hex } from "../../../engine/keys/hash.ts";
import { freePort } from "../../helpers/redis_server.ts";
import { Cluster, keysAndOutputs } from "./cluster.ts";

const CONTROL_NODES = [
  "afterFlaky",
  "afterSibling",
  "afterSlow",
  "flaky",
  "sibling",
  "slow",
  "src",
];
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The worker project's task log, without clearing it. */
function logged(project: FixtureProject): string[] {
  try {
    return Deno.readTextFileSync(project.log).split("\n");
  } catch {
    return [];
  }
}

async function until(what: string, check: () => boolean, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

Deno.test("kill -9 of a worker mid-task: another worker reruns it, the run completes", async () => {
  await using cluster = await Cluster.start();
  await using workers = await FixtureProject.create();
  const first = await cluster.startWorker(workers, "kill", ["--lock", "2"]);
  const second = await cluster.startWorker(workers, "kill", ["--lock", "2"]);
  const args = ["pipeline", "control", "--plain", "--set", "slow.ms=5000"];

  await using local = await FixtureProject.create();
  await local.expectCli(args);
  await using planner = await FixtureProject.create();
  const running = planner.command([...args, ...cluster.args("kill")], cluster.env).spawn();
  const output = running.output();
  await until("a worker to start slow", () => /slow: started/.test(first.log + second.log));
  const [victim, survivor] = /slow: started/.test(first.log) ? [first, second] : [second, first];
  // Let the task's subprocess get going, then kill its worker without warning.
  await until("slow to run", () => logged(workers).includes("slow"));
  const killed = await victim.stop("SIGKILL");
  assert.equal(killed.signal, "SIGKILL");
  const result = await output;
  const text = decode(result.stdout) + decode(result.stderr);
  assert.equal(result.code, 0, `${text}\n${cluster.logs()}`);
  assert.match(survivor.log, /slow: started/, "the survivor took the stalled job");
  assert.match(survivor.log, /slow: done in \d+ ms/);
  assert.deepEqual(keysAndOutputs(planner.lastRun()), keysAndOutputs(local.lastRun()));
  // slow started twice (the killed try and the retry); every other node once.
  const ran = workers.ran();
  assert.deepEqual(ran.filter((id) => id === "slow"), ["slow", "slow"]);
  assert.deepEqual(
    ran.filter((id) => id !== "slow").sort(),
    CONTROL_NODES.filter((id) => id !== "slow"),
  );
  assert.doesNotMatch(text, /corrupt|not trusted|missing/);
  const status = await planner.expectCli(["status", "control", "--set", "slow.ms=5000"]);
  assert.doesNotMatch(status.stdout, /STALE|MISSING/);
});

Deno.test("two planners at once: each node is computed once", async () => {
  await using cluster = await Cluster.start();
  await using workers = await FixtureProject.create();
  await cluster.startWorker(workers, "twice");
  await cluster.startWorker(workers, "twice");
  await using a = await FixtureProject.create();
  await using b = await FixtureProject.create();
  const args = ["pipeline", "fx", "--plain", ...cluster.args("twice")];
  const [ra, rb] = await Promise.all([a.cli(args, cluster.env), b.cli(args, cluster.env)]);
  assert.equal(ra.code, 0, ra.stderr);
  assert.equal(rb.code, 0, rb.stderr);
  assert.deepEqual(workers.ran().sort(), ALL_NODES, cluster.logs());
  assert.deepEqual([...a.ran(), ...b.ran()], []);
  assert.deepEqual(keysAndOutputs(a.lastRun()), keysAndOutputs(b.lastRun()));
});

Deno.test("a corrupt object in the store is detected by hash and recomputed", async () => {
  await using cluster = await Cluster.start();
  await using workers = await FixtureProject.create();
  await cluster.startWorker(workers, "corrupt");
  const args = ["pipeline", "control", "--plain", ...cluster.args("corrupt")];
  await using first = await FixtureProject.create();
  await first.expectCli(args, 0, cluster.env);
  workers.ran();
  const sibling = first.lastRun().nodes.find((node) => node.id === "sibling")!.outputHash!;
  const name = `objects/${sibling.slice(0, 2)}/${sibling}`;
  const backend = cluster.s3.backend("corrupt");
  await backend.put(name, new TextEncoder().encode("half an object"));

  // A fresh planner: the pull rejects the object, the completed job's output is rejected
  // too, and a worker recomputes it instead of trusting its pointer.
  await using second = await FixtureProject.create();
  const run = await second.expectCli(args, 0, cluster.env);
  const text = run.stdout + run.stderr;
  assert.match(text, new RegExp(`corrupt remote object s3://[^ ]+/${name}`));
  assert.deepEqual(workers.ran(), ["sibling"], cluster.logs());
  assert.deepEqual(keysAndOutputs(second.lastRun()), keysAndOutputs(first.lastRun()));
  assert.equal(sha256Hex((await backend.get(name))!), sibling, "the object was rewritten");
});

Deno.test("unreachable Redis or S3: a clear error within seconds, local state kept", async () => {
  await using cluster = await Cluster.start();
  await using project = await FixtureProject.create();
  await project.expectCli(["pipeline", "fx", "--plain"]);
  project.ran();
  const ledger = project.ledger().length;
  const deadRedis = `redis://127.0.0.1:${freePort()}`;
  const deadS3 = { ...cluster.env, AWS_ENDPOINT_URL: `http://127.0.0.1:${freePort()}` };
  const store = ["--store", cluster.s3.url("dead")];
  const cases: Array<[string[], Record<string, string>, RegExp]> = [
    [
      ["pipeline", "fx", "--plain", "--force", "raw", "--queue", deadRedis, ...store],
      cluster.env,
      new RegExp(`job queue ${deadRedis}: cannot reach Redis \\(connect ECONNREFUSED`),
    ],
    [
      ["worker", "--queue", deadRedis, ...store],
      cluster.env,
      /cannot reach Redis.*Start redis-server there/,
    ],
    [
      ["worker", "--queue", cluster.redis.url, ...store],
      deadS3,
      /remote store s3:\/\/[^ ]+: listing failed.*ECONNREFUSED/,
    ],
    [
      ["pipeline", "fx", "--plain", "--queue", cluster.redis.url],
      cluster.env,
      /needs a shared store: add --store s3:\/\/bucket\/prefix/,
    ],
    [
      ["pipeline", "fx", "--queue", "http://x"],
      cluster.env,
      /not a queue URL; use redis:\/\/host:port/,
    ],
  ];
  for (const [args, env, message] of cases) {
    const started = performance.now();
    const result = await project.cli(args, env);
    const seconds = (performance.now() - started) / 1000;
    assert.equal(result.code, 2, `${args.join(" ")}: ${result.stdout}${result.stderr}`);
    assert.match(result.stderr, message);
    assert.ok(seconds < 15, `${args[0]} took ${seconds.toFixed(1)} s`);
  }
  assert.deepEqual(project.ran(), []);
  assert.equal(project.ledger().length, ledger, "no ledger line for a run that never ran");
  const status = await project.expectCli(["status", "fx"]);
  assert.doesNotMatch(status.stdout, /STALE|MISSING/);
});
