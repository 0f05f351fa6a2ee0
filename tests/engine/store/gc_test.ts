/** `cache gc`: keeps what current pipelines and kept runs reach, frees the rest. */
import assert from "node:assert/strict";
import { FixtureProject } from "../fixture_project.ts";

function storeEntries(project: FixtureProject, section: "objects" | "keys"): string[] {
  const root = project.path(`.finfusion/store/${section}`);
  return [...Deno.readDirSync(root)].flatMap((shard) =>
    [...Deno.readDirSync(`${root}/${shard.name}`)].map((entry) => entry.name)
  );
}

Deno.test("gc removes entries reachable only from dropped runs and prints bytes freed", async () => {
  await using project = await FixtureProject.create();
  await project.expectCli(["pipeline", "fx", "--set", "scaled.factor=5"]);
  await project.expectCli(["pipeline", "fx"]);
  const keysBefore = storeEntries(project, "keys").length;
  const kept = await project.expectCli(["cache", "gc"]);
  assert.match(kept.stdout, /freed 0 B \(0 objects, 0 keys, 0 temp files or folders\)/);
  assert.equal(storeEntries(project, "keys").length, keysBefore);

  const dry = await project.expectCli(["cache", "gc", "--keep-runs", "1", "--dry-run"]);
  assert.match(dry.stdout, /would free [\d.]+ (B|KiB)/);
  assert.equal(storeEntries(project, "keys").length, keysBefore);

  // Keeping only the last run (factor 2, as in the DAG file) drops what only the first run
  // (factor 5) reached: every node downstream of scaled, but not raw and other.
  const freed = await project.expectCli(["cache", "gc", "--keep-runs", "1"]);
  const match = freed.stdout.match(/freed ([\d.]+) (B|KiB) \((\d+) objects, (\d+) keys/)!;
  assert.ok(Number(match[1]) > 0);
  assert.equal(Number(match[4]), 9, "scaled, 2 folds, 4 fits, metrics, report of factor 5");
  assert.equal(storeEntries(project, "keys").length, keysBefore - 9);
  const status = await project.status();
  assert.ok([...status.values()].every((node) => node.status === "FRESH"));
  const dropped = await project.status(["--set", "scaled.factor=5"]);
  assert.equal(dropped.get("raw")!.status, "FRESH");
  assert.equal(dropped.get("scaled")!.status, "STALE");
});

Deno.test("gc plans the current pipelines with the data folder runs use", async () => {
  await using project = await FixtureProject.create();
  Deno.mkdirSync(project.path("data"));
  Deno.writeTextFileSync(project.path("data/fx-source.txt"), "mirror v1");
  const data = { FINFUSION_DATA: project.path("data") };
  await project.expectCli(["pipeline", "fx"], 0, data);
  // The last run (and so every manifest downstream of scaled) uses factor 5.
  await project.expectCli(["pipeline", "fx", "--set", "scaled.factor=5"], 0, data);
  // The DAG file's own keys (factor 2) are reachable only as the current pipeline's keys,
  // which depend on the data folder through the fetch fingerprint.
  await project.expectCli(["cache", "gc", "--keep-runs", "1", "--data", project.path("data")]);
  const result = await project.expectCli(["status", "fx", "--json"], 0, data);
  const nodes = JSON.parse(result.stdout).nodes as Array<{ id: string; status: string }>;
  assert.deepEqual(nodes.filter((node) => node.status !== "FRESH").map((node) => node.id), []);
});

Deno.test("gc removes the temp folders a killed report write left, and nothing else", async () => {
  await using project = await FixtureProject.create();
  await project.expectCli(["pipeline", "fx"]);
  const reports = project.path("out/reports/fx");
  const before = [...Deno.readDirSync(reports)].map((entry) => entry.name).sort();
  // What a process killed while writing a report leaves: a half-written temp folder beside
  // the key folders, and one inside latest/ (where a pipeline with several report nodes
  // writes latest/<node-id>/).
  const leftovers = [`${reports}/.tmp-3f1c`, `${reports}/latest/.tmp-old-9a2b`];
  for (const folder of leftovers) {
    Deno.mkdirSync(`${folder}/data`, { recursive: true });
    Deno.writeTextFileSync(`${folder}/data/rows.json`, "[1,2,3]");
    Deno.writeTextFileSync(`${folder}/summary.md`, "# half");
  }
  const dry = await project.expectCli(["cache", "gc", "--dry-run"]);
  assert.match(dry.stdout, /would free 26 B \(0 objects, 0 keys, 2 temp files or folders\)/);
  assert.ok(leftovers.every((folder) => Deno.statSync(folder).isDirectory), "dry run keeps them");
  const freed = await project.expectCli(["cache", "gc"]);
  assert.match(freed.stdout, /freed 26 B \(0 objects, 0 keys, 2 temp files or folders\)/);
  for (const folder of leftovers) assert.throws(() => Deno.statSync(folder), Deno.errors.NotFound);
  assert.deepEqual([...Deno.readDirSync(reports)].map((entry) => entry.name).sort(), before);
  assert.ok(Deno.statSync(`${reports}/latest/summary.md`).isFile, "latest/ is untouched");
});
