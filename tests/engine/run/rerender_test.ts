/** `report <hash>` re-renders from cached inputs alone, byte-identical, or fails clearly. */
import assert from "node:assert/strict";
import { acquireStoreLock } from "../../../engine/store/lock.ts";
import { FixtureProject } from "../fixture_project.ts";

function readTree(dir: string, prefix = ""): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of Deno.readDirSync(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) Object.assign(files, readTree(path, `${prefix}${entry.name}/`));
    else files[`${prefix}${entry.name}`] = Array.from(Deno.readFileSync(path)).join(",");
  }
  return files;
}

Deno.test("report <hash> re-renders byte-identical files from the store", async () => {
  await using project = await FixtureProject.create();
  const run = await project.expectCli(["pipeline", "fx"]);
  const folder = run.stdout.match(/report: (\S+)/)![1];
  const hash = folder.split("/").pop()!;
  assert.match(hash, /^[0-9a-f]{12}$/);
  const original = readTree(folder);
  assert.deepEqual(Object.keys(original).sort(), ["data/raw.bin", "data/rows.json", "summary.md"]);
  assert.deepEqual(readTree(project.path("out/reports/fx/latest")), original);
  // The task sees its pipeline and its own key (in the run and in the re-render alike).
  const summary = Deno.readTextFileSync(`${folder}/summary.md`);
  assert.match(summary, new RegExp(`rendered by fx/report, key ${hash}[0-9a-f]{52}\n`));
  Deno.removeSync(project.path("out"), { recursive: true });
  project.ran();
  const result = await project.expectCli(["report", hash.slice(0, 8)]);
  assert.match(result.stdout, new RegExp(`report: ${folder}`));
  assert.deepEqual(project.ran(), ["report"], "only the report task ran");
  assert.deepEqual(readTree(folder), original);
});

Deno.test("report <hash> fails clearly when an input was collected or the hash is wrong", async () => {
  await using project = await FixtureProject.create();
  const run = await project.expectCli(["pipeline", "fx"]);
  const hash = run.stdout.match(/report: \S+\/([0-9a-f]{12})/)![1];
  const metrics = project.lastRun().nodes.find((node) => node.id === "metrics")!;
  Deno.removeSync(
    project.path(
      `.finfusion/store/objects/${metrics.outputHash!.slice(0, 2)}/${metrics.outputHash}`,
    ),
  );
  const failed = await project.expectCli(["report", hash], 2);
  assert.match(failed.stderr, /input "metrics", the output of node "metrics"/);
  assert.match(failed.stderr, /was collected/);
  assert.match(failed.stderr, /deno task pipeline fx/);

  const raw = project.lastRun().nodes.find((node) => node.id === "raw")!;
  const notReport = await project.expectCli(["report", raw.key!.slice(0, 12)], 2);
  assert.match(
    notReport.stderr,
    /belongs to node raw \(kind fetch, task "[^"]+"\), which does not write a report/,
  );
  const unknown = await project.expectCli(["report", "0000abcd"], 2);
  assert.match(unknown.stderr, /no key starting with 0000abcd/);
  const short = await project.expectCli(["report", "ab"], 2);
  assert.match(short.stderr, /at least 4 hex digits/);
});

Deno.test("report <hash> refuses to re-render after the report task's code changed", async () => {
  await using project = await FixtureProject.create();
  const run = await project.expectCli(["pipeline", "fx"]);
  const hash = run.stdout.match(/report: \S+\/([0-9a-f]{12})/)![1];
  project.edit("tasks/summary.ts", (text) => text.replace("| node | total |", "| fit | total |"));
  const result = await project.expectCli(["report", hash], 2);
  assert.match(result.stderr, /code changed since it was rendered \(tasks\/summary\.ts\)/);
});

Deno.test("report <hash> holds the store lock, so gc cannot collect what it reads", async () => {
  await using project = await FixtureProject.create();
  const run = await project.expectCli(["pipeline", "fx"]);
  const hash = run.stdout.match(/report: \S+\/([0-9a-f]{12})/)![1];
  const lock = await acquireStoreLock(project.path(".finfusion"), {
    purpose: "cache gc",
    timeoutMs: 0,
  });
  try {
    project.ran();
    const waited = await project.expectCli(["report", hash, "--lock-timeout", "0.3"], 2);
    assert.match(waited.stderr, /waiting for the store lock held by pid \d+ \(cache gc, since /);
    assert.match(waited.stderr, /gave up after 0 s/);
    assert.deepEqual(project.ran(), [], "nothing ran without the lock");
  } finally {
    lock.release();
  }
  await project.expectCli(["report", hash, "--lock-timeout", "5"]);
  assert.deepEqual(project.ran(), ["report"]);
});
