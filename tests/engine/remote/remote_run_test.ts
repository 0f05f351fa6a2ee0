/**
 * Runs against a real S3-compatible server (s3rver in a subprocess): a fresh clone pointed at
 * the same bucket recomputes nothing; corrupt or partial objects in the bucket are detected
 * by hash, recomputed and rewritten, never trusted; two runs racing on one pipeline leave one
 * pointer per key and identical results.
 */
import assert from "node:assert/strict";
import { ALL_NODES, FixtureProject, outcomes } from "../fixture_project.ts";
import { sha256Hex } from "../../../engine/keys/hash.ts";
import type { LedgerEntry } from "../../../engine/ledger/ledger.ts";
import { S3Server } from "./s3_server.ts";

function outputsOf(entry: LedgerEntry): Record<string, string | null> {
  return Object.fromEntries(entry.nodes.map((node) => [node.id, node.outputHash]));
}

function objectName(hash: string): string {
  return `objects/${hash.slice(0, 2)}/${hash}`;
}

Deno.test("remote store on a real S3-compatible server", async (t) => {
  await using server = await S3Server.start();

  await t.step("a fresh clone pointed at the same bucket recomputes nothing", async () => {
    const store = ["--store", server.url("clone")];
    await using first = await FixtureProject.create();
    await first.expectCli(["pipeline", "fx", "--plain", ...store], 0, server.env);
    assert.deepEqual(first.ran().sort(), ALL_NODES);
    const listed = (await server.backend("clone").list("")).map((entry) => entry.name);
    assert.equal(listed.filter((name) => name.endsWith(".ptr")).length, ALL_NODES.length);

    await using clone = await FixtureProject.create();
    // status in a state folder of its own, so the run below starts from nothing.
    const state = ["--state", clone.path("status-state")];
    const before = await clone.cli(["status", "fx", "--json", ...state, ...store], server.env);
    assert.equal(before.code, 0, before.stderr);
    const rows = JSON.parse(before.stdout).nodes as Array<{ status: string }>;
    assert.deepEqual(rows.map((row) => row.status), ALL_NODES.map(() => "FRESH"));
    const run = await clone.expectCli(["pipeline", "fx", "--plain", ...store], 0, server.env);
    assert.deepEqual(clone.ran(), []);
    assert.deepEqual(outcomes(clone.lastRun(), "hit"), ALL_NODES);
    assert.deepEqual(outputsOf(clone.lastRun()), outputsOf(first.lastRun()));
    assert.match(run.stderr + run.stdout, /pulled 11 cached outputs/);
    const report = "out/reports/fx/latest/summary.md";
    assert.equal(
      Deno.readTextFileSync(clone.path(report)),
      Deno.readTextFileSync(first.path(report)),
    );
    // Provenance travels: a hit names the run that computed it.
    const cached = clone.lastRun().nodes.find((node) => node.id === "metrics")!;
    assert.equal(cached.cached?.runId, first.lastRun().runId);
  });

  await t.step(
    "corrupt objects, partial objects and tampered pointers are recomputed and rewritten",
    async () => {
      const store = ["--store", server.url("corrupt")];
      const backend = server.backend("corrupt");
      await using first = await FixtureProject.create();
      await first.expectCli(["pipeline", "fx", "--plain", ...store], 0, server.env);
      first.ran();
      const hashes = outputsOf(first.lastRun());
      const scaled = objectName(hashes["scaled"]!);
      const other = objectName(hashes["other"]!);
      const good = (await backend.get(other))!;
      await backend.put(scaled, new TextEncoder().encode("not what the hash says"));
      await backend.put(other, good.slice(0, Math.floor(good.length / 2)));

      await using clone = await FixtureProject.create();
      const run = await clone.expectCli(["pipeline", "fx", "--plain", ...store], 0, server.env);
      const output = run.stdout + run.stderr;
      assert.match(output, new RegExp(`corrupt remote object s3://[^ ]+/${scaled}`));
      assert.match(output, new RegExp(`corrupt remote object s3://[^ ]+/${other}`));
      const ran = clone.ran();
      assert.ok(ran.includes("scaled") && ran.includes("other"), `ran: ${ran}`);
      assert.ok(!ran.includes("raw"), "raw verified: it must be pulled, not recomputed");
      assert.deepEqual(outputsOf(clone.lastRun()), hashes);
      for (const name of [scaled, other]) {
        const bytes = (await backend.get(name))!;
        assert.equal(sha256Hex(bytes), name.split("/").pop(), `${name} rewritten`);
      }

      // A pointer whose body no longer hashes to its key (edited params) is not trusted either.
      const raw = first.lastRun().nodes.find((node) => node.id === "raw")!;
      const pointer = `keys/${raw.key!.slice(0, 2)}/${raw.key}/${raw.outputHash}.ptr`;
      const body = JSON.parse(new TextDecoder().decode((await backend.get(pointer))!));
      body.components.params = { tampered: true };
      await backend.put(pointer, new TextEncoder().encode(JSON.stringify(body)));
      await using third = await FixtureProject.create();
      const rerun = await third.expectCli(["pipeline", "fx", "--plain", ...store], 0, server.env);
      assert.match(rerun.stderr, /untrusted pointer s3:\/\/[^ ]+\.ptr: its components hash to/);
      assert.ok(third.ran().includes("raw"));
      assert.deepEqual(outputsOf(third.lastRun()), hashes);
      const repaired = JSON.parse(new TextDecoder().decode((await backend.get(pointer))!));
      assert.equal(repaired.components.params.tampered, undefined, "pointer rewritten");
      assert.equal(repaired.components.params.n, 8);

      await using fourth = await FixtureProject.create();
      await fourth.expectCli(["pipeline", "fx", "--plain", ...store], 0, server.env);
      assert.deepEqual(fourth.ran(), []);
    },
  );

  await t.step("two runs racing on one pipeline: one pointer per key, same results", async () => {
    const store = ["--store", server.url("race")];
    await using a = await FixtureProject.create();
    await using b = await FixtureProject.create();
    const args = ["pipeline", "fx", "--plain", ...store];
    const [ra, rb] = await Promise.all([a.cli(args, server.env), b.cli(args, server.env)]);
    assert.equal(ra.code, 0, ra.stderr);
    assert.equal(rb.code, 0, rb.stderr);
    assert.deepEqual(outputsOf(a.lastRun()), outputsOf(b.lastRun()));
    const backend = server.backend("race");
    const entries = await backend.list("keys/");
    const pointers = new Map<string, string[]>();
    for (const entry of entries.filter((item) => item.name.endsWith(".ptr"))) {
      const key = entry.name.split("/")[2];
      pointers.set(key, [...pointers.get(key) ?? [], entry.name]);
    }
    assert.equal(pointers.size, ALL_NODES.length);
    for (const node of a.lastRun().nodes) {
      const names = pointers.get(node.key!)!;
      assert.deepEqual(names.map((name) => name.split("/").pop()), [`${node.outputHash}.ptr`]);
      // No run id or timing in a pointer: racing writers of one key write identical bytes.
      const body = JSON.parse(new TextDecoder().decode((await backend.get(names[0]))!));
      assert.deepEqual(Object.keys(body).sort(), [
        "components",
        "format",
        "key",
        "outputHash",
        "size",
      ]);
    }
    await using c = await FixtureProject.create();
    await c.expectCli(args, 0, server.env);
    assert.deepEqual(c.ran(), []);
    assert.deepEqual(outputsOf(c.lastRun()), outputsOf(a.lastRun()));
  });
});
