/**
 * The remote store when things go wrong or grow: an unreachable server is a clear error
 * within seconds that names the URL and what to do, and loses no local state; `cache gc`
 * against the bucket (dry run, grace period, real run) removes only unreachable entries.
 */
import assert from "node:assert/strict";
import { ALL_NODES, FixtureProject } from "../fixture_project.ts";
import { S3Server } from "./s3_server.ts";

/** A loopback port nothing listens on. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

Deno.test("an unreachable remote store: clear error within seconds, local state kept", async () => {
  await using project = await FixtureProject.create();
  await project.expectCli(["pipeline", "fx", "--plain"]);
  project.ran();
  const ledgerLines = project.ledger().length;
  const env = {
    AWS_ENDPOINT_URL: `http://127.0.0.1:${closedPort()}`,
    AWS_ACCESS_KEY_ID: "x",
    AWS_SECRET_ACCESS_KEY: "y",
    AWS_REGION: "us-east-1",
  };
  for (const command of [["pipeline", "fx", "--plain"], ["status", "fx"]]) {
    const started = performance.now();
    const result = await project.cli([...command, "--store", "s3://team-cache/fx"], env);
    const seconds = (performance.now() - started) / 1000;
    assert.equal(result.code, 2, `${command[0]}: ${result.stderr}`);
    assert.match(result.stderr, /remote store s3:\/\/team-cache\/fx: listing failed/);
    assert.match(result.stderr, /ECONNREFUSED/);
    assert.match(result.stderr, /AWS_ENDPOINT_URL/);
    assert.ok(seconds < 15, `${command[0]} took ${seconds.toFixed(1)} s`);
  }
  assert.deepEqual(project.ran(), []);
  assert.equal(project.ledger().length, ledgerLines, "no ledger line for a run that never ran");
  const status = await project.status();
  assert.deepEqual([...status.values()].map((node) => node.status), ALL_NODES.map(() => "FRESH"));
  const again = await project.expectCli(["pipeline", "fx", "--plain"]);
  assert.doesNotMatch(again.stderr, /never finished/);
  assert.deepEqual(project.ran(), []);
});

Deno.test("a malformed --store URL is a usage error naming the URL", async () => {
  await using project = await FixtureProject.create();
  const result = await project.cli(["status", "fx", "--store", "s3:/typo"]);
  assert.equal(result.code, 2);
  assert.match(
    result.stderr,
    /--store s3:\/typo: not a remote store URL; use s3:\/\/bucket\/prefix/,
  );
});

Deno.test("cache gc against the bucket: dry run, grace period, real run", async () => {
  await using server = await S3Server.start();
  const store = ["--store", server.url("gc")];
  const backend = server.backend("gc");
  await using project = await FixtureProject.create();
  await project.expectCli(["pipeline", "fx", "--plain", ...store], 0, server.env);
  const junkObject = `objects/ee/${"e".repeat(64)}`;
  const junkKey = `keys/dd/${"d".repeat(64)}/${"e".repeat(64)}.ptr`;
  await backend.put(junkObject, new TextEncoder().encode("unreachable"));
  await backend.put(junkKey, new TextEncoder().encode("{}"));
  const names = async () => (await backend.list("")).map((entry) => entry.name).sort();
  const before = await names();

  const young = await project.expectCli(["cache", "gc", "--dry-run", ...store], 0, server.env);
  assert.match(young.stdout, /remote store s3:\/\/[^:]+: would free 0 B \(0 objects, 0 keys\)/);
  const dry = await project.expectCli(
    ["cache", "gc", "--dry-run", "--grace", "0", ...store],
    0,
    server.env,
  );
  assert.match(dry.stdout, /remote store s3:\/\/[^:]+: would free \d+ B \(1 objects, 1 keys\)/);
  assert.deepEqual(await names(), before, "a dry run removes nothing");

  const real = await project.expectCli(["cache", "gc", "--grace", "0", ...store], 0, server.env);
  assert.match(real.stdout, /remote store s3:\/\/[^:]+: freed \d+ B \(1 objects, 1 keys\)/);
  const after = await names();
  assert.deepEqual(after, before.filter((name) => name !== junkObject && name !== junkKey));

  await using clone = await FixtureProject.create();
  await clone.expectCli(["pipeline", "fx", "--plain", ...store], 0, server.env);
  assert.deepEqual(clone.ran(), [], "gc kept everything the pipeline uses");
});
