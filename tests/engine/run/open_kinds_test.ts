/**
 * Open node kinds and nested pipelines end to end: a pipeline at `pipelines/study/ens.ts`
 * with an `ensemble` node and a `dashboard` report node (neither a builder kind) is listed,
 * runs, caches, shows in status and the ledger, filters in `runs`, survives `cache gc`, and
 * re-renders with `report <hash>`; a fragment beside it is not a pipeline.
 */
import assert from "node:assert/strict";
import { FixtureProject } from "../fixture_project.ts";

const ENGINE_URL = new URL("../../../engine/", import.meta.url).href;

const NESTED = `
import { pipeline } from "${ENGINE_URL}mod.ts";
import { combine, dashboard } from "../../tasks/ensemble.ts";
import { members } from "./members.ts";

export default pipeline({ name: "study/ens", seed: 3, description: "Ensemble of scaled sources" }, (p) => {
  const parts = members(p);
  const mean = p.node("mean", { kind: "ensemble", task: combine, params: { weight: 2 }, inputs: { parts: parts.gather() } });
  p.node("board", { kind: "dashboard", task: dashboard, inputs: { ensemble: mean } });
});
`;

// A fragment beside the pipeline: no default export, so not a pipeline.
const FRAGMENT = `
import { type PipelineBuilder, sweep } from "${ENGINE_URL}mod.ts";
import { scale, source } from "../../tasks/numbers.ts";

export function members(p: PipelineBuilder) {
  const raw = p.fetch("raw", source, { n: 4 });
  return p.feature("part", scale, { factor: sweep([2, 3]) }, { values: raw });
}
`;

async function nestedProject(): Promise<FixtureProject> {
  const project = await FixtureProject.create();
  Deno.mkdirSync(project.path("pipelines/study"));
  Deno.writeTextFileSync(project.path("pipelines/study/ens.ts"), NESTED);
  Deno.writeTextFileSync(project.path("pipelines/study/members.ts"), FRAGMENT);
  return project;
}

Deno.test("pipelines lists nested pipelines with description and sweep axes, not fragments", async () => {
  await using project = await nestedProject();
  const listed = JSON.parse((await project.expectCli(["pipelines", "--json"])).stdout);
  assert.deepEqual(listed.map((entry: { name: string }) => entry.name), [
    "control",
    "fx",
    "study/ens",
  ]);
  const nested = listed[2];
  assert.equal(nested.file, "pipelines/study/ens.ts");
  assert.equal(nested.description, "Ensemble of scaled sources");
  assert.equal(nested.nodes, 5);
  assert.deepEqual(nested.axes, [{ group: "part", axis: "factor", labels: ["2", "3"] }]);
  const fx = listed[1];
  assert.deepEqual(
    fx.axes.map((axis: { group: string; axis: string }) => `${axis.group}.${axis.axis}`),
    [
      "fold.year",
      "fit.model",
    ],
  );
  const study = JSON.parse((await project.expectCli(["pipelines", "study", "--json"])).stdout);
  assert.deepEqual(study.map((entry: { name: string }) => entry.name), ["study/ens"]);
  const none = await project.expectCli(["pipelines", "nostudy"]);
  assert.match(none.stdout, /^no pipelines in study "nostudy"/);
  const text = (await project.expectCli(["pipelines"])).stdout;
  assert.match(
    text,
    /^study\/ens {2}\(pipelines\/study\/ens\.ts\)\n {2}Ensemble of scaled sources\n {2}5 nodes, seed 3\n {2}sweep part\.factor: 2, 3 \(2\)$/m,
  );
  // A fragment named as a pipeline is refused with what a pipeline file needs.
  const fragment = await project.expectCli(["pipeline", "study/members"], 2);
  assert.match(
    fragment.stderr,
    /pipelines\/study\/members\.ts: the default export must be pipeline\(/,
  );
  // A file that does not load is listed with its error, and the command says so (exit 2).
  Deno.writeTextFileSync(project.path("pipelines/study/broken.ts"), "export default nope(;\n");
  const broken = await project.expectCli(["pipelines"], 2);
  assert.match(
    broken.stdout,
    /^study\/broken {2}\(pipelines\/study\/broken\.ts\)\n {2}does not load: /m,
  );
});

Deno.test("a custom-kind node runs, caches, shows in status, ledger and runs, survives gc", async () => {
  await using project = await nestedProject();
  const first = await project.expectCli(["pipeline", "study/ens"]);
  assert.match(first.stdout, /^study\/ens: OK .* 5 nodes, 0 cached, 5 computed/m);
  assert.deepEqual(project.ran().sort(), [
    "board",
    "mean",
    "part[factor=2]",
    "part[factor=3]",
    "raw",
  ]);
  const entry = project.lastRun();
  assert.equal(entry.pipeline, "study/ens");
  const kinds = Object.fromEntries(entry.nodes.map((node) => [node.id, node.kind]));
  assert.equal(kinds.mean, "ensemble");
  assert.equal(kinds.board, "dashboard");
  assert.deepEqual(entry.metrics, { "ensemble.first": 5 }, "(2 + 3) / 2 × weight 2");
  const board = entry.nodes.find((node) => node.id === "board")!;
  const folder = `out/reports/study/ens/${board.key!.slice(0, 12)}`;
  assert.equal(board.report, project.path(folder));
  assert.match(
    Deno.readTextFileSync(project.path(`${folder}/index.md`)),
    /members: part\[factor=2\], part\[factor=3\]/,
  );
  assert.match(
    Deno.readTextFileSync(project.path("out/reports/study/ens/latest/index.md")),
    /# study\/ens/,
  );
  assert.ok(Deno.statSync(project.path(".finfusion/manifests/study/ens.json")).isFile);

  const again = await project.expectCli(["pipeline", "study/ens"]);
  assert.deepEqual(project.ran(), [], "the second run is fully cached");
  // A no-op re-run is not added to the ledger: it names the run it repeats.
  assert.match(again.stdout, new RegExp(`nothing changed since run ${entry.runId}`));
  assert.equal(project.lastRun().runId, entry.runId);
  const status = await project.expectCli(["status", "study/ens", "--json"]);
  const nodes = JSON.parse(status.stdout).nodes as Array<
    { id: string; kind: string; status: string }
  >;
  assert.deepEqual(nodes.map((node) => [node.id, node.status]), [
    ["raw", "FRESH"],
    ["part[factor=2]", "FRESH"],
    ["part[factor=3]", "FRESH"],
    ["mean", "FRESH"],
    ["board", "FRESH"],
  ]);

  await project.expectCli(["pipeline", "fx"]);
  project.ran();
  const study = (await project.expectCli(["runs", "--pipeline", "study", "--json"])).stdout;
  assert.deepEqual(study.trim().split("\n").map((line) => JSON.parse(line).pipeline), [
    "study/ens",
  ]);

  // gc keeps a nested pipeline's keys (its manifests live in a sub-folder) and removes the
  // temp folder a killed report write left in its nested report folder.
  Deno.mkdirSync(project.path("out/reports/study/ens/.tmp-killed"));
  const gc = await project.expectCli(["cache", "gc", "--keep-runs", "1"]);
  assert.match(gc.stdout, /\(0 objects, 0 keys, 1 temp files or folders\)/);
  assert.throws(() => Deno.statSync(project.path("out/reports/study/ens/.tmp-killed")));
  await project.expectCli(["pipeline", "study/ens"]);
  assert.deepEqual(project.ran(), [], "gc removed nothing the nested pipeline uses");

  Deno.removeSync(project.path(folder), { recursive: true });
  const rerender = await project.expectCli(["report", board.key!.slice(0, 12)]);
  assert.match(rerender.stdout, /re-rendered study\/ens\/board/);
  assert.match(
    Deno.readTextFileSync(project.path(`${folder}/index.md`)),
    /members: part\[factor=2\], part\[factor=3\]/,
  );
});
