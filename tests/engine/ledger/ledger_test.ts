/** The run ledger's contents, and `runs` listing and filtering it. */
import assert from "node:assert/strict";
import { FixtureProject, REPO } from "../fixture_project.ts";
import { readLedger } from "../../../engine/ledger/ledger.ts";

Deno.test("each run appends one ledger line with everything needed to reproduce it", async () => {
  await using project = await FixtureProject.create();
  await project.expectCli(["pipeline", "fx", "--backend", "cpu", "--seed", "3"]);
  await project.expectCli([
    "pipeline",
    "fx",
    "--backend",
    "cpu",
    "--seed",
    "3",
    "--set",
    "fold.size=2",
  ]);
  const [first, second] = project.ledger();
  assert.equal(project.ledger().length, 2);
  assert.match(first.runId, /^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
  assert.notEqual(first.runId, second.runId);
  assert.equal(first.pipeline, "fx");
  assert.equal(first.file, "pipelines/fx.ts");
  assert.equal(first.status, "ok");
  assert.deepEqual(first.git, { commit: null, dirty: null }, "the temp project is not a git repo");
  assert.equal(first.deno, Deno.version.deno);
  assert.equal(first.tfjs, "4.22.0");
  assert.equal(first.backend, "cpu");
  assert.equal(first.seed, 3);
  assert.deepEqual([first.hits, first.misses], [0, 11]);
  const fit = first.nodes.find((node) => node.id === "fit[year=2016,model=a]")!;
  assert.match(fit.key!, /^[0-9a-f]{64}$/);
  assert.match(fit.outputHash!, /^[0-9a-f]{64}$/);
  assert.deepEqual(fit.params, { model: { slope: 1, epochs: 3, fail: false } });
  assert.deepEqual(fit.coords, { year: "2016", model: "a" });
  assert.equal(fit.outcome, "miss");
  assert.ok(fit.ms >= 0);
  assert.equal(typeof fit.metrics.mae, "number");
  assert.deepEqual(first.nodes.find((node) => node.id === "metrics")!.warnings, [
    "summarized 4 fits",
  ]);
  assert.ok(first.nodes.find((node) => node.id === "report")!.report!.includes("out/reports/fx/"));
  assert.deepEqual(second.overrides, ["fold.size=2"]);
  // A hit took no compute in this run; the ledger says which run computed it and how long
  // that took.
  const [rawFirst, rawSecond] = [first, second].map((run) =>
    run.nodes.find((node) => node.id === "raw")!
  );
  assert.equal(rawSecond.outcome, "hit");
  assert.equal(rawSecond.ms, 0);
  assert.deepEqual(rawSecond.cached, {
    runId: first.runId,
    at: rawSecond.cached!.at,
    ms: rawFirst.ms,
  });
  assert.ok(first.startedAt <= rawSecond.cached!.at && rawSecond.cached!.at <= first.finishedAt);
  assert.equal(rawFirst.cached, undefined, "a computed node has no cached field");
  assert.equal(
    second.nodes.find((node) => node.id === "fold[year=2017]")!.cause,
    "params: size 3 → 2",
  );
  assert.equal(first.nodes[0].cause, "never computed");
  // The evaluate node's metrics are the run's headline metrics.
  assert.deepEqual(second.nodes.find((node) => node.id === "metrics")!.metrics, second.metrics);
  assert.deepEqual(Object.keys(second.metrics), ["best", "worst", "fits", "spread"]);
});

Deno.test("runs lists and filters by pipeline, date, parameter value and metric", async () => {
  await using project = await FixtureProject.create();
  await project.expectCli(["pipeline", "fx"]);
  await project.expectCli(["pipeline", "fx", "--set", 'fit.model=["a"]', "--set", "fold.size=2"]);
  await project.expectCli(["pipeline", "control"]);
  const runs = project.ledger();
  const json = async (...args: string[]) =>
    (await project.expectCli(["runs", "--json", ...args])).stdout.trim().split("\n").filter((l) =>
      l
    )
      .map((line) => JSON.parse(line).runId);
  assert.deepEqual(await json(), runs.map((run) => run.runId));
  assert.deepEqual(await json("--pipeline", "control"), [runs[2].runId]);
  assert.deepEqual(await json("--param", "fold.size=2"), [runs[1].runId]);
  assert.deepEqual(await json("--param", "fold[year=2016].size=3"), [runs[0].runId]);
  // Through a sweep label, as with --set: only the first run fitted model b.
  assert.deepEqual(await json("--param", "fit.model.b.slope=2"), [runs[0].runId]);
  const best = [runs[0].metrics.best, runs[1].metrics.best];
  assert.notEqual(best[0], best[1]);
  const lower = Math.min(...best);
  assert.deepEqual(await json("--metric", `best<=${lower}`), [runs[best.indexOf(lower)].runId]);
  assert.deepEqual(await json("--since", "2000-01-01", "--limit", "1"), [runs[2].runId]);
  assert.deepEqual(await json("--until", "2000-01-01"), []);
  const table = await project.expectCli(["runs", "--pipeline", "fx"]);
  const lines = table.stdout.trim().split("\n");
  assert.match(lines[0], /^run\s+started\s+pipeline\s+status\s+commit/);
  assert.equal(lines.length, 3);
  assert.match(lines[2], /fold\.size=2/);
  assert.match(lines[1], / best=\S+ worst=\S+ fits=4$/, "the first three metrics");
  const report = runs[0].nodes.find((node) => node.id === "report")!;
  assert.ok(lines[1].includes(` ${report.key!.slice(0, 12)} `), "the report's key prefix");
  const spread = await project.expectCli(["runs", "--pipeline", "fx", "--metric", "spread>=0"]);
  assert.match(spread.stdout.split("\n")[1], / spread=\d+$/, "the metric filtered on");
  const bad = await project.expectCli(["runs", "--metric", "best~3"], 2);
  assert.match(bad.stderr, /expected NAME OP NUMBER/);
});

Deno.test("a damaged ledger line is skipped with its line number", async () => {
  const dir = await Deno.makeTempDir();
  try {
    Deno.writeTextFileSync(`${dir}/ledger.jsonl`, '{"runId":"a","nodes":[]}\n{torn\n');
    const { entries, problems } = readLedger(dir);
    assert.equal(entries.length, 1);
    assert.match(problems[0], /ledger\.jsonl:2: unreadable line skipped/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assert.ok(REPO);
});

Deno.test("a torn last ledger line is skipped, and the next run's line starts on a fresh line", async () => {
  await using project = await FixtureProject.create();
  await project.expectCli(["pipeline", "control"]);
  const ledger = project.path(".finfusion/ledger.jsonl");
  const whole = Deno.readTextFileSync(ledger);
  // What a process killed in the middle of its append leaves: half a line, no newline.
  Deno.writeTextFileSync(ledger, `${whole}${whole.slice(0, 40)}`);
  // A forced node computes, so the second run is recorded (a no-op re-run would not be).
  await project.expectCli(["pipeline", "control", "--force", "src"]);
  const { entries, problems } = readLedger(project.path(".finfusion"));
  assert.equal(entries.length, 2, "both runs are readable");
  assert.equal(entries[1].misses, 1);
  assert.equal(problems.length, 1);
  assert.match(
    problems[0],
    /ledger\.jsonl:2: unreadable line skipped \(torn by a killed write\?\)/,
  );
  const runs = await project.expectCli(["runs"]);
  assert.match(runs.stderr, /warning: .*ledger\.jsonl:2: unreadable line skipped/);
  assert.equal(runs.stdout.trim().split("\n").length, 3, "header and two runs");
  const gc = await project.expectCli(["cache", "gc"]);
  assert.match(gc.stderr, /warning: .*ledger\.jsonl:2: unreadable line skipped/);
});

Deno.test("a no-op re-run adds no ledger line; a run back to an earlier configuration does", async () => {
  await using project = await FixtureProject.create();
  await project.expectCli(["pipeline", "fx"]);
  await project.expectCli(["pipeline", "fx"]);
  assert.equal(project.ledger().length, 1, "the repeat is not recorded");
  // Another configuration (all cached or not) is recorded, and so is the way back to the first.
  await project.expectCli(["pipeline", "fx", "--set", "fold.size=2"]);
  await project.expectCli(["pipeline", "fx", "--set", "fold.size=2"]);
  assert.equal(project.ledger().length, 2);
  const back = await project.expectCli(["pipeline", "fx"]);
  assert.doesNotMatch(back.stdout, /nothing changed/);
  const runs = project.ledger();
  assert.equal(runs.length, 3);
  assert.deepEqual([runs[2].misses, runs[2].hits], [0, 11]);
  // A forced node computes: recorded even though its output is the same.
  await project.expectCli(["pipeline", "fx", "--force", "raw"]);
  assert.equal(project.ledger().length, 4);
});
