/** Verification of cached objects: restored mtimes, wrong sizes in key records. */
import assert from "node:assert/strict";
import type { LedgerNode } from "../../../engine/ledger/ledger.ts";
import { Store } from "../../../engine/store/store.ts";
import { VerifiedObjects } from "../../../engine/store/verified.ts";
import { FixtureProject } from "../fixture_project.ts";

const settle = () => new Promise((resolve) => setTimeout(resolve, 1700));

function objectPath(project: FixtureProject, node: LedgerNode): string {
  const hash = node.outputHash!;
  return project.path(`.finfusion/store/objects/${hash.slice(0, 2)}/${hash}`);
}

/** Flips the last byte of a file and puts its mtime back, as `cp -p` of a bad copy would. */
function corruptKeepingMtime(path: string): void {
  const before = Deno.statSync(path);
  const bytes = Deno.readFileSync(path);
  bytes[bytes.length - 1] ^= 0xff;
  Deno.writeFileSync(path, bytes);
  Deno.utimeSync(path, before.atime!, before.mtime!);
  assert.equal(Deno.statSync(path).mtime!.getTime(), before.mtime!.getTime());
}

Deno.test("an object edited with its size and mtime kept is found corrupt and recomputed", async () => {
  await using project = await FixtureProject.create();
  await project.expectCli(["pipeline", "fx"]);
  // Objects verified long enough after they were written carry a trusted stamp.
  await settle();
  await project.expectCli(["pipeline", "fx"]);
  project.ran();
  const scaled = project.lastRun().nodes.find((node) => node.id === "scaled")!;
  corruptKeepingMtime(objectPath(project, scaled));
  const result = await project.expectCli(["pipeline", "fx"]);
  assert.match(result.stderr, new RegExp(`corrupt store entry objects/../${scaled.outputHash}`));
  assert.deepEqual(project.ran(), ["scaled"], "recomputed to the same bytes, downstream cached");
});

Deno.test("a key record with a wrong size keeps the good object and says the record is wrong", async () => {
  await using project = await FixtureProject.create();
  await project.expectCli(["pipeline", "fx"]);
  project.ran();
  const scaled = project.lastRun().nodes.find((node) => node.id === "scaled")!;
  const keyFile = project.path(
    `.finfusion/store/keys/${scaled.key!.slice(0, 2)}/${scaled.key}.json`,
  );
  const record = JSON.parse(Deno.readTextFileSync(keyFile));
  Deno.writeTextFileSync(keyFile, JSON.stringify({ ...record, size: record.size + 1 }));
  const status = await project.expectCli(["status", "fx"]);
  assert.match(
    status.stdout,
    new RegExp(
      `corrupt key record keys/../${scaled.key}\\.json \\(node scaled\\): it says its output ` +
        `objects/../${scaled.outputHash} has ${record.size + 1} bytes, but that object has ` +
        `${record.size} bytes and matches its hash; the object is kept`,
    ),
  );
  assert.doesNotMatch(status.stdout, /content does not match/);
  assert.equal(Deno.statSync(objectPath(project, scaled)).size, record.size, "object kept");
  await project.expectCli(["pipeline", "fx"]);
  assert.deepEqual(project.ran(), ["scaled"], "the node recomputes and writes a true record");
  assert.equal(JSON.parse(Deno.readTextFileSync(keyFile)).size, record.size);
});

Deno.test("a cached report whose object is corrupt but trusted is recomputed, not a failed run", async () => {
  await using project = await FixtureProject.create();
  await project.expectCli(["pipeline", "fx"]);
  project.ran();
  const report = project.lastRun().nodes.find((node) => node.id === "report")!;
  const summary = project.path(`out/reports/fx/${report.key!.slice(0, 12)}/summary.md`);
  const published = Deno.readTextFileSync(summary);
  corruptKeepingMtime(objectPath(project, report));
  // The verification cache vouches for the corrupt object (as a stamp could in its blind
  // spot): publishing, which reads it, must still catch it.
  await settle();
  const verified = new VerifiedObjects(new Store(project.path(".finfusion/store")));
  verified.mark(report.outputHash!);
  verified.save();
  const result = await project.expectCli(["pipeline", "fx"]);
  assert.match(
    result.stderr,
    new RegExp(`corrupt store entry objects/../${report.outputHash}.*recomputing the report`),
  );
  assert.deepEqual(project.ran(), ["report"]);
  assert.equal(project.lastRun().nodes.find((node) => node.id === "report")!.outcome, "miss");
  assert.equal(Deno.readTextFileSync(summary), published, "republished with the same content");
});
