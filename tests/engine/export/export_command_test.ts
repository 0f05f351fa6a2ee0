/** `export <pipeline> <node>` on the fixture pipeline through the real CLI. */
import assert from "node:assert/strict";
import { FixtureProject } from "../fixture_project.ts";

Deno.test("export writes a fresh node's output as CSV or JSON, and refuses a stale one", async () => {
  await using project = await FixtureProject.create();
  const before = await project.cli(["export", "fx", "raw"]);
  assert.equal(before.code, 2);
  assert.match(
    before.stderr,
    /fx: node raw has no stored output for its current key \(MISSING: never computed\); run `deno task pipeline fx --only 'raw'` first/,
  );
  await project.expectCli(["pipeline", "fx"]);
  project.ran();

  const csv = await project.expectCli(["export", "fx", "raw", "--format", "csv"]);
  assert.equal(csv.stdout, "values\n1\n2\n3\n4\n5\n6\n7\n8\n");
  const json = JSON.parse(
    (await project.expectCli(["export", "fx", "fit[year=2016,model=b]"])).stdout,
  );
  assert.equal(json.year, 2016);
  assert.ok(
    Array.isArray(json.forecast) && json.forecast.every((x: unknown) => typeof x === "number"),
  );
  assert.deepEqual(project.ran(), [], "export computes nothing");

  const file = project.path("scaled.csv");
  await project.expectCli(["export", "fx", "scaled", "--format", "csv", "--output", file]);
  assert.equal(Deno.readTextFileSync(file), "values\n2\n4\n6\n8\n10\n12\n14\n16\n");

  // With --set, the node as planned now: its key has no stored output yet.
  const stale = await project.cli(["export", "fx", "scaled", "--set", "scaled.factor=5"]);
  assert.equal(stale.code, 2);
  assert.match(stale.stderr, /STALE: params: factor 2 → 5/);
  const sweep = await project.cli(["export", "fx", "fit"]);
  assert.match(
    sweep.stderr,
    /"fit" is a sweep of 4 nodes; export one of them, e\.g\. 'fit\[year=2016,model=a\]'/,
  );
  const unknown = await project.cli(["export", "fx", "nope"]);
  assert.match(unknown.stderr, /fx has no node "nope"; `deno task status fx` lists them/);
});
