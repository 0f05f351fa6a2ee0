/** Each bad declaration gives an error naming the file, the node and the field. */
import assert from "node:assert/strict";
import { z } from "zod";
import { type PipelineBuilder, sweep } from "../../engine/mod.ts";
import { pipeline } from "../../engine/declare.ts";
import { PipelineDeclarationError } from "../../engine/errors.ts";
import { graphFromDefinition, listPipelines, loadPipeline } from "../../engine/loader.ts";
import { defineTask, type NodeKind } from "../../engine/task.ts";
import { scale, source, window } from "../fixtures/engine/tasks/numbers.ts";
import { fitLine } from "../fixtures/engine/tasks/fit.ts";
import { summarize } from "../fixtures/engine/tasks/summary.ts";
import { FixtureProject, REPO } from "./fixture_project.ts";

const FILE = "pipelines/broken.ts";

async function issuesOf(build: (p: PipelineBuilder) => void, overrides: string[] = []) {
  try {
    await graphFromDefinition(pipeline({ name: "broken" }, build), { file: FILE, overrides });
  } catch (error) {
    assert.ok(error instanceof PipelineDeclarationError, String(error));
    assert.equal(error.file, FILE);
    assert.ok(error.message.startsWith(`${FILE}: `));
    assert.match(error.message, /[Nn]othing ran/);
    return error.issues;
  }
  throw new Error("the declaration was accepted");
}

async function expectIssue(
  build: (p: PipelineBuilder) => void,
  node: string,
  field: string,
  message: RegExp,
  overrides: string[] = [],
) {
  const issues = await issuesOf(build, overrides);
  const match = issues.find((issue) => issue.node === node && issue.field === field);
  assert.ok(match, `no issue for node ${node} field ${field} in ${JSON.stringify(issues)}`);
  assert.match(match.message, message);
}

Deno.test("unknown node kind", async () => {
  await expectIssue(
    (p) => p.node("raw", { kind: "bogus" as NodeKind, task: source, params: { n: 1 } }),
    "raw",
    "kind",
    /unknown node kind "bogus"; use fetch, feature, split, train, evaluate, report/,
  );
});

Deno.test("a task of another kind", async () => {
  await expectIssue(
    (p) => p.train("raw", source, { n: 1 }),
    "raw",
    "kind",
    /"fx\.source" of kind fetch/,
  );
});

Deno.test("bad and duplicate node ids", async () => {
  await expectIssue(
    (p) => p.fetch("2016-raw", source, { n: 1 }),
    "2016-raw",
    "id",
    /starts with a letter/,
  );
  await expectIssue((p) => p.fetch("a.b", source, { n: 1 }), "a.b", "id", /only letters, digits/);
  await expectIssue(
    (p) => {
      p.fetch("raw", source, { n: 1 });
      p.fetch("raw", source, { n: 2 });
    },
    "raw",
    "id",
    /declared twice/,
  );
});

Deno.test("missing input", async () => {
  await expectIssue(
    (p) => p.feature("scaled", scale, { factor: 1 }, { values: "rwa" }),
    "scaled",
    "inputs.values",
    /unknown node "rwa"/,
  );
  // Tasks that declare their inputs: one left out, or one the task does not read.
  await expectIssue(
    (p) => {
      p.fetch("raw", source, { n: 4 });
      p.feature("scaled", scale, { factor: 1 });
    },
    "scaled",
    "inputs.values",
    /task "fx\.scale" needs input "values"; pass it as \{ values: <node> \}/,
  );
  await expectIssue(
    (p) => {
      const raw = p.fetch("raw", source, { n: 4 });
      p.feature("scaled", scale, { factor: 1 }, { values: raw, extra: raw } as never);
    },
    "scaled",
    "inputs.extra",
    /unknown input for task "fx\.scale" \(it takes: values\)/,
  );
});

Deno.test("cyclic inputs", async () => {
  await expectIssue(
    (p) => {
      p.feature("a", scale, { factor: 1 }, { values: "b" });
      p.feature("b", scale, { factor: 1 }, { values: "a" });
    },
    "a",
    "inputs.values",
    /cyclic input: a → b → a/,
  );
});

Deno.test("unknown parameter", async () => {
  await expectIssue(
    (p) => p.fetch("raw", source, { n: 1, lenght: 3 } as { n: number }),
    "raw",
    "params.lenght",
    /unknown parameter for task "fx\.source" \(it accepts: n, offset, label\)/,
  );
  const loose = defineTask({
    name: "test.loose",
    kind: "fetch",
    module: import.meta.url,
    params: z.object({ n: z.number() }),
    run: () => 1,
  });
  await expectIssue(
    (p) => p.fetch("raw", loose, { n: 1, extra: true } as { n: number }),
    "raw",
    "params.extra",
    /unknown parameter/,
  );
});

Deno.test("invalid parameter values, nested fields included", async () => {
  await expectIssue(
    (p) => p.fetch("raw", source, { n: "eight" as unknown as number }),
    "raw",
    "params.n",
    /number/,
  );
  await expectIssue(
    (p) => {
      const raw = p.fetch("raw", source, { n: 4 });
      const fold = p.split("fold", window, { year: 2016 }, { values: raw });
      p.train("fit", fitLine, { model: sweep({ a: { slope: 1 }, b: { slope: -1, epochs: 0 } }) }, {
        fold,
      });
    },
    "fit[model=b]",
    "params.model.epochs",
    /[Tt]oo small|>0|positive/,
  );
});

Deno.test("bad sweeps, axis clashes and gathers", async () => {
  await expectIssue(
    (p) => p.fetch("raw", source, { n: sweep([4, 4]) }),
    "raw",
    "params.n",
    /sweep label "4" appears twice/,
  );
  await expectIssue(
    (p) => p.fetch("raw", source, { n: sweep([]) }),
    "raw",
    "params.n",
    /no values/,
  );
  await expectIssue(
    (p) => {
      const raw = p.fetch("raw", source, { n: 4 });
      const fold = p.split("fold", window, { year: sweep([2016, 2017]) }, { values: raw });
      p.split("again", window, { year: sweep([2018]) }, { values: fold.id });
    },
    "again",
    "params.year",
    /already inherited from input "values"/,
  );
  await expectIssue(
    (p) => {
      const raw = p.fetch("raw", source, { n: 4 });
      const other = p.fetch("other", source, { n: 4 });
      const fold = p.split("fold", window, { year: sweep([2016]) }, { values: raw });
      const fit = p.train("fit", fitLine, { model: { slope: 1 } }, { fold });
      p.evaluate("metrics", summarize, {}, { fits: fit.gather("model"), other });
    },
    "metrics",
    "inputs.fits",
    /cannot gather over axis "model"/,
  );
});

Deno.test("not a task, and a task its module does not export", async () => {
  await expectIssue(
    (p) => p.fetch("raw", { name: "x" } as unknown as typeof source, { n: 1 }),
    "raw",
    "task.kind",
    /unknown node kind/,
  );
  const hidden = defineTask({
    name: "test.hidden",
    kind: "fetch",
    module: import.meta.url,
    params: z.object({}).strict(),
    run: () => 1,
  });
  await expectIssue((p) => p.fetch("raw", hidden, {}), "raw", "task", /not exported from/);
  const vague = { ...hidden, inputs: { values: "maybe" } } as unknown as typeof hidden;
  await expectIssue((p) => p.fetch("raw", vague, {}), "raw", "task.inputs.values", /"required"/);
});

Deno.test("--set errors name the override", async () => {
  const build = (p: PipelineBuilder) => {
    const raw = p.fetch("raw", source, { n: 4 });
    p.feature("scaled", scale, { factor: 2 }, { values: raw });
  };
  await expectIssue(build, "scaled", "params.factor", /from --set scaled\.factor=big/, [
    "scaled.factor=big",
  ]);
  await expectIssue(build, "scaeld", "params.factor", /no node "scaeld"/, ["scaeld.factor=2"]);
});

Deno.test("one problem in many expansions is one line naming the node and its expansions", async () => {
  const build = (p: PipelineBuilder) => {
    const raw = p.fetch("raw", source, { n: 4 });
    const fold = p.split("fold", window, { year: sweep([2016, 2017, 2018]) }, { values: raw });
    p.train("fit", fitLine, { model: sweep({ a: { slope: 1 }, b: { slope: 2 } }) }, { fold });
  };
  const set = "fit.model.b.epochs=0";
  await expectIssue(build, "fit[year=2017,model=b]", "params.model.epochs", /from --set/, [set]);
  const message = await graphFromDefinition(pipeline({ name: "broken" }, build), {
    file: FILE,
    overrides: [set],
  }).then(() => "", (error: Error) => error.message);
  assert.ok(
    message.startsWith(
      'pipelines/broken.ts: node "fit" in 3 expansions (fit[year=2016,model=b] … ' +
        'fit[year=2018,model=b]) field "params.model.epochs": ',
    ),
    message,
  );
  assert.ok(message.endsWith(" (from --set fit.model.b.epochs=0). Nothing ran."), message);
});

Deno.test("several problems are reported together", async () => {
  const issues = await issuesOf((p) => {
    p.fetch("raw", source, { n: -1 });
    p.feature("scaled", scale, { factor: 1 }, { values: "missing" });
  });
  assert.ok(issues.length >= 1);
  assert.ok(issues.some((issue) => issue.field === "inputs.values"));
});

Deno.test("loadPipeline: unknown pipelines list the available ones; names must match files", async () => {
  const root = `${REPO}/tests/fixtures/engine`;
  assert.deepEqual(listPipelines(root), ["control", "fx"]);
  await assert.rejects(
    () => loadPipeline({ root, pipeline: "weekly" }),
    /unknown pipeline "weekly".*Available: control, fx\./,
  );
  const graph = await loadPipeline({ root, pipeline: "fx", seed: 11 });
  assert.equal(graph.seed, 11);
  assert.equal(graph.nodes.length, 11);
});

Deno.test("through the CLI: a bad DAG file exits 2 naming file, node and field; nothing runs", async () => {
  await using project = await FixtureProject.create();
  project.edit(
    "pipelines/fx.ts",
    (text) => text.replace("{ factor: 2 }", "{ factor: 2, facotr: 3 }"),
  );
  const result = await project.expectCli(["pipeline", "fx"], 2);
  assert.match(
    result.stderr,
    /error: pipelines\/fx\.ts: node "scaled" field "params\.facotr": unknown parameter/,
  );
  assert.deepEqual(project.ran(), []);
  assert.equal(project.ledger().length, 0);
  const unknown = await project.expectCli(["status", "nope"], 2);
  assert.match(unknown.stderr, /unknown pipeline "nope".*Available: control, fx/);
});
