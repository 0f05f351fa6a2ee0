/** `cache gc`: keeps what current pipelines and kept runs reach, frees the rest. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { toFileUrl } from "../../../engine/store/paths.ts";
import { CONFIG, FixtureProject, REPO } from "../fixture_project.ts";

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

Deno.test("gc removes temp files killed writes left in the state folder, sparing fresh cache ones", async () => {
  await using project = await FixtureProject.create();
  await project.expectCli(["pipeline", "fx"]);
  const state = project.path(".finfusion");
  // Temp files of the lock holder, a manifest, a run start record and the module-graph cache.
  const leftovers = [".tmp-lock", "manifests/.tmp-fx", "runs/.tmp-start", "cache/.tmp-old"];
  Deno.mkdirSync(`${state}/runs`, { recursive: true });
  for (const name of leftovers) Deno.writeTextFileSync(`${state}/${name}`, "half");
  const hourAgo = new Date(Date.now() - 3_600_000);
  Deno.utimeSync(`${state}/cache/.tmp-old`, hourAgo, hourAgo);
  // A `status` (which takes no lock) may be writing this one right now.
  Deno.writeTextFileSync(`${state}/cache/.tmp-now`, "{");
  const freed = await project.expectCli(["cache", "gc"]);
  assert.match(freed.stdout, /freed 16 B \(0 objects, 0 keys, 4 temp files or folders\)/);
  for (const name of leftovers) {
    assert.throws(() => Deno.statSync(`${state}/${name}`), Deno.errors.NotFound, name);
  }
  assert.ok(Deno.statSync(`${state}/cache/.tmp-now`).isFile);
  assert.ok(Deno.statSync(`${state}/manifests/fx.json`).isFile);
});

Deno.test("gc takes --out and cleans the report folders there", async () => {
  await using project = await FixtureProject.create();
  const out = project.path("elsewhere");
  await project.expectCli(["pipeline", "fx", "--out", out]);
  Deno.mkdirSync(`${out}/reports/fx/.tmp-half`);
  Deno.writeTextFileSync(`${out}/reports/fx/.tmp-half/summary.md`, "# half");
  const freed = await project.expectCli(["cache", "gc", "--out", out]);
  assert.match(freed.stdout, /1 temp files or folders/);
  assert.throws(() => Deno.statSync(`${out}/reports/fx/.tmp-half`), Deno.errors.NotFound);
  assert.ok(Deno.statSync(`${out}/reports/fx/latest/summary.md`).isFile);
});

/** Publishes a new fx report in a process killed between the two renames of latest/. */
async function killBetweenRenames(project: FixtureProject): Promise<void> {
  const script = project.path("kill_between_renames.ts");
  Deno.writeTextFileSync(
    script,
    `import { basename } from "node:path";
import { publishReport } from "${toFileUrl(join(REPO, "engine/store/report_output.ts"))}";
const rename = Deno.renameSync;
Object.defineProperty(Deno, "renameSync", {
  value: (from: string, to: string) => {
    // The new latest/ is about to replace the old one, which is already aside.
    if (to.endsWith("/latest") && basename(from).startsWith(".tmp-")) {
      Deno.kill(Deno.pid, "SIGKILL");
    }
    rename(from, to);
  },
});
publishReport(
  { outDir: ${
      JSON.stringify(project.path("out"))
    }, pipeline: "fx", nodeId: "report", key: "f".repeat(64) },
  { files: { "summary.md": "# newer" } },
  false,
);
`,
  );
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", CONFIG, script],
    stderr: "piped",
  }).output();
  assert.equal(output.signal, "SIGKILL", new TextDecoder().decode(output.stderr));
}

Deno.test("latest/ left aside by a kill between its two renames is put back by gc and by runs", async () => {
  await using project = await FixtureProject.create();
  await project.expectCli(["pipeline", "fx"]);
  const latest = project.path("out/reports/fx/latest/summary.md");
  const published = Deno.readTextFileSync(latest);
  await killBetweenRenames(project);
  assert.throws(() => Deno.statSync(latest), Deno.errors.NotFound, "the kill landed in the gap");
  const dry = await project.expectCli(["cache", "gc", "--dry-run"]);
  assert.match(dry.stdout, /1 temp files or folders/, "the old latest/ is not garbage");
  const gc = await project.expectCli(["cache", "gc"]);
  assert.match(gc.stderr, /restored .*reports\/fx\/latest \(a killed write left it aside\)/);
  assert.match(gc.stdout, /1 temp files or folders/, "the new, never published, copy");
  assert.equal(Deno.readTextFileSync(latest), published);

  await killBetweenRenames(project);
  // A run that publishes no report (it runs one fetch node) still puts latest/ back.
  const run = await project.expectCli(["pipeline", "fx", "--only", "raw"]);
  assert.match(run.stderr, /restored .*reports\/fx\/latest/);
  assert.equal(Deno.readTextFileSync(latest), published);
});
