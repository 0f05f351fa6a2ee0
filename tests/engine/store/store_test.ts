/** The content-addressed store: atomic entries, verified reads, corruption and SIGKILL. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { sha256Hex } from "../../../engine/keys/hash.ts";
import { CorruptEntryError, MissingEntryError, Store } from "../../../engine/store/store.ts";
import { FixtureProject, outcomes } from "../fixture_project.ts";

Deno.test("store: objects are named by their hash and verified when read", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const store = new Store(dir);
    const bytes = new TextEncoder().encode("hello");
    const hash = store.putObject(bytes);
    assert.equal(hash, sha256Hex(bytes));
    assert.deepEqual(store.readObject(hash), bytes);
    Deno.writeTextFileSync(store.objectPath(hash), "hellO");
    assert.throws(() => store.readObject(hash), (error: Error) => {
      assert.ok(error instanceof CorruptEntryError);
      assert.match(error.message, new RegExp(`objects/${hash.slice(0, 2)}/${hash}`));
      return true;
    });
    assert.throws(() => store.readObject(hash), MissingEntryError, "a corrupt object is removed");
    Deno.mkdirSync(join(dir, "keys", "ab"), { recursive: true });
    Deno.writeTextFileSync(store.keyPath("ab".padEnd(64, "0")), "{ torn");
    assert.throws(() => store.readKey("ab".padEnd(64, "0")), /unreadable key record/);
    assert.equal(store.readKey("ab".padEnd(64, "0")), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a corrupt store entry is reported by name and recomputed", async () => {
  await using project = await FixtureProject.create();
  await project.expectCli(["pipeline", "fx"]);
  project.ran();
  const scaled = project.lastRun().nodes.find((node) => node.id === "scaled")!;
  const object = project.path(
    `.finfusion/store/objects/${scaled.outputHash!.slice(0, 2)}/${scaled.outputHash}`,
  );
  const bytes = Deno.readFileSync(object);
  bytes[bytes.length - 1] ^= 0xff;
  Deno.writeFileSync(object, bytes);
  const result = await project.expectCli(["pipeline", "fx"]);
  assert.match(result.stderr, new RegExp(`corrupt store entry objects/../${scaled.outputHash}`));
  assert.match(result.stderr, /node scaled/);
  assert.deepEqual(project.ran(), ["scaled"], "recomputed to the same bytes, downstream cached");
  assert.equal(Deno.readFileSync(object)[bytes.length - 1], bytes[bytes.length - 1] ^ 0xff);
});

Deno.test("a run killed with SIGKILL mid-node leaves a store the next run uses correctly", async () => {
  await using project = await FixtureProject.create();
  const child = project.command(["pipeline", "control", "--set", "slow.ms=60000", "--jobs", "1"])
    .spawn();
  const deadline = Date.now() + 20_000;
  while (!project.ran().includes("slow")) {
    if (Date.now() > deadline) throw new Error("the slow node never started");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Temp files as writes interrupted half-way would leave them.
  Deno.writeTextFileSync(project.path(".finfusion/store/objects/.tmp-interrupted"), "partial");
  Deno.mkdirSync(project.path(".finfusion/store/keys/ff"), { recursive: true });
  Deno.writeTextFileSync(project.path(".finfusion/store/keys/ff/.tmp-interrupted"), "{");
  child.kill("SIGKILL");
  const status = await child.status;
  assert.equal(status.signal, "SIGKILL");
  assert.equal(project.ledger().length, 0, "a killed run appends no ledger line");

  await project.expectCli(["pipeline", "control", "--set", "slow.ms=5"]);
  const entry = project.lastRun();
  assert.equal(entry.status, "ok");
  assert.ok(outcomes(entry, "hit").includes("src"), "finished before the kill, reused");
  assert.ok(outcomes(entry, "miss").includes("slow"));
  const again = await project.expectCli(["pipeline", "control", "--set", "slow.ms=5"]);
  assert.match(again.stdout, /7 cached, 0 computed/);
  const gc = await project.expectCli(["cache", "gc"]);
  assert.match(gc.stdout, /2 temp files or folders/);
});

/**
 * Waits until `node` has started in the run `running`; returns every node the log showed
 * meanwhile. Fails at once, with the run's output, if the run ends first. The deadline is
 * generous because the whole suite runs in parallel on two cores.
 */
async function waitForNode(
  project: FixtureProject,
  node: string,
  running: Promise<Deno.CommandOutput>,
): Promise<string[]> {
  let ended: Deno.CommandOutput | null = null;
  running.then((output) => (ended = output), () => {});
  const deadline = Date.now() + 90_000;
  const seen: string[] = [];
  while (!seen.includes(node)) {
    if (ended !== null) {
      const output = ended as Deno.CommandOutput;
      throw new Error(
        `the run ended (exit ${output.code}) before node ${node} started:\n` +
          new TextDecoder().decode(output.stderr),
      );
    }
    if (Date.now() > deadline) throw new Error(`node ${node} never started within 90 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen.push(...project.ran());
  }
  return seen;
}

Deno.test("two concurrent runs on one store: the second waits, nothing is computed twice", async () => {
  await using project = await FixtureProject.create();
  // The slow node keeps the lock long enough for a second CLI to start even on a loaded machine.
  const args = ["pipeline", "control", "--set", "slow.ms=4000", "--jobs", "1"];
  const first = project.command(args).output();
  // Start the second run once the first is inside a node, so it must meet the lock.
  const started = await waitForNode(project, "src", first);
  const second = await project.cli(args);
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  const firstResult = await first;
  assert.equal(firstResult.code, 0, decode(firstResult.stderr));
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stderr, /waiting for the store lock held by pid \d+ \(pipeline control/);
  assert.deepEqual([...started, ...project.ran()].sort(), [
    "afterFlaky",
    "afterSibling",
    "afterSlow",
    "flaky",
    "sibling",
    "slow",
    "src",
  ]);
  // The second run found everything cached: a no-op re-run, not added to the ledger.
  const [a, ...rest] = project.ledger();
  assert.deepEqual([a.misses, rest.length], [7, 0]);
  assert.match(second.stdout, new RegExp(`nothing changed since run ${a.runId}`));
});

Deno.test("a run that cannot get the store lock in time fails with a clear message", async () => {
  await using project = await FixtureProject.create();
  const holder = project.command(["pipeline", "control", "--set", "slow.ms=4000"]).output();
  await waitForNode(project, "slow", holder);
  const impatient = await project.cli(["pipeline", "control", "--lock-timeout", "0.3"]);
  assert.equal(impatient.code, 2);
  assert.match(impatient.stderr, /locked by pid \d+ \(pipeline control/);
  assert.match(impatient.stderr, /--lock-timeout/);
  assert.equal((await holder).code, 0);
});
