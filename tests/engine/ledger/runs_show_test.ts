/** `runs show` and `runs compare` on real runs of the fixture pipeline. */
import assert from "node:assert/strict";
import { FixtureProject } from "../fixture_project.ts";

Deno.test("runs show and runs compare: configuration, changed parameters, metrics", async () => {
  await using project = await FixtureProject.create();
  await project.expectCli(["pipeline", "fx"]);
  await project.expectCli(["pipeline", "fx", "--seed", "9", "--set", "fit.model.b.slope=5"]);
  const [first, second] = project.ledger();

  // A prefix of the second run's id: timestamp and dash at least, and one character past what it
  // shares with the first run's (both may start in the same second with the same first hex digit).
  let shared = 0;
  while (first.runId[shared] === second.runId[shared]) shared++;
  const prefix = second.runId.slice(0, Math.max(18, shared + 1));
  const show = (await project.expectCli(["runs", "show", prefix])).stdout;
  assert.match(show, new RegExp(`^run ${second.runId}: fx \\(pipelines/fx\\.ts\\), ok in `));
  assert.match(show, /command {4}deno task pipeline fx --seed 9 --set fit\.model\.b\.slope=5/);
  assert.match(show, /settings {3}backend wasm, seed 9, jobs/);
  assert.match(show, /overrides {2}fit\.model\.b\.slope=5/);
  assert.match(show, /nodes {6}11: \d+ cached, \d+ computed/);
  // A sweep's shared parameters once, expansions with the same parameters together.
  assert.match(show, /\n {2}fit\n {4}model\.epochs=3\n {4}model\.fail=false\n/);
  assert.match(
    show,
    /fit\[year=2016,model=a\] and 1 more with the same parameters: model\.slope=1\n/,
  );
  assert.match(
    show,
    /fit\[year=2016,model=b\] and 1 more with the same parameters: model\.slope=5/,
  );
  assert.match(show, /fold\[year=2017\]: year=2017/);
  assert.match(show, /report\s+.*out\/reports\/fx\/[0-9a-f]{12} \(re-render: deno task report/);
  assert.match(show, /\nmetrics:\n/);
  // Where the time went: the nodes that ran, per group, split along the fold and model axes.
  const ran = second.nodes.filter((node) => node.outcome === "miss").length;
  assert.match(show, new RegExp(`\ntime: ${ran} nodes ran, taking .+ together in `));
  assert.match(show, /\n {2}group +nodes +time +share +slowest node\n/);
  assert.match(show, /\n {2}fit +\d+ +.+ +\d+% +fit\[year=\d+,model=[ab]\] .+\n {6}by year: /);
  assert.match(show, /\n {6}by year: 201[67] .+, 201[67] .+\n {6}by model: [ab] .+, [ab] /);

  // The report folder's name finds the run that published it; `last` the newest.
  const reportKey = first.nodes.find((node) => node.report)!.key!.slice(0, 12);
  const byReport = (await project.expectCli(["runs", "show", reportKey])).stdout;
  assert.ok(byReport.startsWith(`run ${first.runId}:`));
  const json = JSON.parse((await project.expectCli(["runs", "show", "last", "--json"])).stdout);
  assert.equal(json.runId, second.runId);

  const compare = (await project.expectCli(["runs", "compare", first.runId, "last"])).stdout;
  assert.match(compare, new RegExp(`A = run ${first.runId} \\(fx\\)`));
  assert.match(compare, /seed +7 +9\n/);
  assert.match(compare, /overrides +- +fit\.model\.b\.slope=5/);
  assert.match(compare, /fit\[year=2016,model=b\]: model\.slope 2 → 5/);
  assert.match(compare, /fit\[year=2017,model=b\]: model\.slope 2 → 5/);
  assert.doesNotMatch(compare, /model=a\]: model\.slope/);
  assert.match(compare, /outputs: \d+ differ, \d+ identical \(fit\[year=2016,model=a\]/);
  const metrics = JSON.parse(
    (await project.expectCli(["runs", "compare", first.runId, second.runId, "--json"])).stdout,
  );
  assert.deepEqual(metrics.params.map((p: { node: string }) => p.node), [
    "fit[year=2016,model=b]",
    "fit[year=2017,model=b]",
  ]);
  assert.ok(metrics.metrics.length > 0);
  for (const row of metrics.metrics) {
    assert.equal(row.a, first.metrics[row.name] ?? null);
    assert.equal(row.b, second.metrics[row.name] ?? null);
  }

  const unknown = await project.cli(["runs", "show", "nope"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no run "nope" in .*: give a run id .*`deno task runs` lists them/);
});
