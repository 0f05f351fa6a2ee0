/** The invalidation matrix, through the real CLI on a temp copy of the fixture pipeline. */
import assert from "node:assert/strict";
import { ALL_NODES, FixtureProject, outcomes } from "./fixture_project.ts";

const FITS = ALL_NODES.filter((id) => id.startsWith("fit["));

Deno.test("invalidation matrix: params, helper code, comments, identical outputs", async (t) => {
  await using project = await FixtureProject.create();

  await t.step("first run computes every node once; second run computes nothing", async () => {
    await project.expectCli(["pipeline", "fx"]);
    assert.deepEqual(project.ran().sort(), ALL_NODES);
    assert.deepEqual(outcomes(project.lastRun(), "miss"), ALL_NODES);
    const again = await project.expectCli(["pipeline", "fx"]);
    assert.deepEqual(project.ran(), []);
    // A no-op re-run is not recorded: the ledger still ends with the first run.
    const [first, ...rest] = project.ledger();
    assert.deepEqual([rest.length, outcomes(first, "miss")], [0, ALL_NODES]);
    assert.match(
      again.stdout,
      new RegExp(
        `11 cached, 0 computed .*\\n.*nothing changed since run ${first.runId}: this re-run is not added to the ledger`,
      ),
    );
  });

  await t.step("a comment-only edit of the DAG file recomputes nothing", async () => {
    project.edit(
      "pipelines/fx.ts",
      (text) =>
        `// A comment added by the test.\n${text.replace("{ n: 8 }", "{ n: 8 /* eight */ }")}\n`,
    );
    const status = await project.status();
    assert.ok([...status.values()].every((node) => node.status === "FRESH"));
    await project.expectCli(["pipeline", "fx"]);
    assert.deepEqual(project.ran(), []);
  });

  await t.step("a changed parameter recomputes that node and its downstream only", async () => {
    project.edit("pipelines/fx.ts", (text) => text.replace("{ factor: 2 }", "{ factor: 3 }"));
    const status = await project.status();
    assert.equal(status.get("scaled")!.status, "STALE");
    assert.match(status.get("scaled")!.causes[0].detail, /factor 2 → 3/);
    assert.deepEqual(status.get("report")!.rootCauses, ["scaled"]);
    assert.equal(status.get("raw")!.status, "FRESH");
    assert.equal(status.get("other")!.status, "FRESH");
    // Only scaled has a cause of its own; everything below it may recompute, if its output
    // changes (status never claims more than the run can promise).
    assert.equal(status.get("scaled")!.recompute, "will");
    for (const id of ["fold[year=2016]", "fold[year=2017]", ...FITS, "metrics", "report"]) {
      assert.equal(status.get(id)!.recompute, "may", id);
    }
    assert.match(status.get("fold[year=2016]")!.causes[0].detail, /^scaled will recompute$/);
    // The human form names a whole sweep by its group and counts will and may apart.
    const human = (await project.expectCli(["status", "fx"])).stdout;
    assert.match(human, /2 fresh, 9 stale, 0 missing; 1 will recompute, 8 may recompute/);
    const lines = human.split("\n");
    assert.match(lines.find((line) => line.includes(" scaled "))!, /^STALE +scaled +params:/);
    assert.match(
      lines.find((line) => line.includes(" metrics "))!,
      /^MAYBE +metrics +upstream data: fit \(all 4 expansions\) may recompute {2}\[root cause: scaled\]$/,
    );
    await project.expectCli(["pipeline", "fx"]);
    const expected = ALL_NODES.filter((id) => id !== "raw" && id !== "other");
    assert.deepEqual(project.ran().sort(), expected);
    assert.deepEqual(outcomes(project.lastRun(), "hit"), ["other", "raw"]);
  });

  await t.step(
    "an edited helper module recomputes only the nodes of the task importing it",
    async () => {
      // A behaviour-neutral change: the fit outputs stay byte-identical.
      project.edit(
        "tasks/line.ts",
        (text) => text.replace("value * slope + index", "index + value * slope"),
      );
      const status = await project.status();
      for (const id of FITS) {
        assert.equal(status.get(id)!.status, "STALE");
        assert.match(status.get(id)!.causes[0].detail, /tasks\/line\.ts changed/);
      }
      assert.equal(status.get("fold[year=2016]")!.status, "FRESH");
      await project.expectCli(["pipeline", "fx"]);
      assert.deepEqual(project.ran().sort(), FITS);
      assert.deepEqual(outcomes(project.lastRun(), "miss"), FITS);
    },
  );

  await t.step("an upstream that recomputes to identical bytes stops propagation", async () => {
    // `label` is a parameter of the source task that never reaches its output.
    const planned = await project.status(["--set", "raw.label=renamed"]);
    assert.equal(planned.get("raw")!.recompute, "will");
    assert.equal(planned.get("scaled")!.recompute, "may");
    assert.equal(planned.get("other")!.recompute, null);
    const result = await project.expectCli(["pipeline", "fx", "--set", "raw.label=renamed"]);
    assert.deepEqual(project.ran(), ["raw"]);
    assert.match(result.stderr, /cached scaled \(upstream unchanged\)/);
    assert.deepEqual(outcomes(project.lastRun(), "miss"), ["raw"]);
    await project.expectCli(["pipeline", "fx", "--force", "raw"]);
    assert.deepEqual(project.ran(), ["raw"]);
  });
});

Deno.test("--set changes exactly the expected keys and is recorded in the ledger", async () => {
  await using project = await FixtureProject.create();
  await project.expectCli(["pipeline", "fx"]);
  project.ran();
  const before = await project.status();
  const target = "fit[year=2016,model=b]";
  const after = await project.status(["--set", `${target}.model.slope=5`]);
  for (const [id, node] of after) {
    if (id === target) {
      assert.equal(node.status, "STALE");
      assert.notEqual(node.key, before.get(id)!.key);
      assert.match(node.causes[0].detail, /model\.slope 2 → 5/);
    } else if (id === "metrics" || id === "report") {
      assert.equal(node.status, "STALE");
      assert.equal(node.key, null, `${id} waits for ${target}'s new output`);
      assert.equal(node.recompute, "may", id);
      assert.deepEqual(node.rootCauses, [target]);
    } else {
      assert.equal(node.status, "FRESH", id);
      assert.equal(node.key, before.get(id)!.key, id);
    }
  }
  await project.expectCli(["pipeline", "fx", "--set", `${target}.model.slope=5`]);
  assert.deepEqual(project.ran().sort(), [target, "metrics", "report"]);
  const entry = project.lastRun();
  assert.deepEqual(entry.overrides, [`${target}.model.slope=5`]);
  const node = entry.nodes.find((item) => item.id === target)!;
  assert.deepEqual(node.params, { model: { slope: 5, epochs: 3, fail: false } });

  // Through a sweep label, a group override changes that model's fits in every fold.
  const labelled = await project.status(["--set", "fit.model.b.slope=6"]);
  for (const id of FITS) {
    assert.equal(labelled.get(id)!.status, id.endsWith("model=b]") ? "STALE" : "FRESH", id);
  }

  // A group override changes every expansion; a JSON array replaces a sweep's values.
  const group = await project.status(["--set", "fold.size=2", "--set", "fold.year=[2016,2018]"]);
  assert.deepEqual(
    [...group.keys()].filter((id) => id.startsWith("fold")),
    ["fold[year=2016]", "fold[year=2018]"],
  );
  assert.equal(group.get("fold[year=2016]")!.status, "STALE");
  assert.equal(group.get("fold[year=2018]")!.status, "MISSING");
});
