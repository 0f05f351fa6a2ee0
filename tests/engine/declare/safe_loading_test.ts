/**
 * Hostile pipeline names and DAG files: a name is validated before anything is imported, so
 * no name reaches a file outside `pipelines/`; a path runs only with `--file`; `pipeline(meta)`
 * is validated (name pattern, integer seed, string description) before its name reaches a
 * state or output path; an async builder and an empty pipeline are declaration errors.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { PipelineDeclarationError, UserError } from "../../../engine/declare/errors.ts";
import { graphFromDefinition, loadPipeline } from "../../../engine/declare/loader.ts";
import { pipelineNameProblem } from "../../../engine/declare/pipeline_names.ts";
import { pipeline, type PipelineMeta } from "../../../engine/mod.ts";
import { source } from "../../fixtures/engine/tasks/numbers.ts";
import { FixtureProject } from "../fixture_project.ts";

const ENGINE_URL = new URL("../../../engine/", import.meta.url).href;
const NUMBERS_URL = new URL("../../fixtures/engine/tasks/numbers.ts", import.meta.url).href;

/** A module that leaves a marker file when it is imported (i.e. executed). */
const evil = (marker: string) =>
  `Deno.writeTextFileSync(${JSON.stringify(marker)}, "imported");\nexport default 1;\n`;

Deno.test("pipeline names: nested names pass; traversal, absolute and odd names do not", () => {
  for (const name of ["weekly-tft", "fusion/pretrain", "a/b/c/d", "gen500", "Study_1/x"]) {
    assert.equal(pipelineNameProblem(name), null, name);
  }
  for (
    const name of [
      "../../etc/passwd",
      "/abs/file",
      "pipelines/../x",
      "a/./b",
      "weekly-tft.ts",
      "a//b",
      "a/",
      "-x",
      ".hidden",
      "a b",
      "a\\b",
      "a/b/c/d/e",
      "study/latest",
      "study/0123456789ab",
      "x".repeat(121),
      "",
    ]
  ) {
    assert.notEqual(pipelineNameProblem(name), null, name);
  }
});

Deno.test("a hostile name is rejected before any file is imported", async () => {
  const outer = await Deno.makeTempDir({ prefix: "finfusion-hostile-" });
  try {
    const root = join(outer, "project");
    Deno.mkdirSync(join(root, "pipelines"), { recursive: true });
    const marker = join(outer, "imported.txt");
    for (const file of ["evil.ts", "project/evil.ts", "project/pipelines/evil.ts.ts"]) {
      Deno.writeTextFileSync(join(outer, file), evil(marker));
    }
    for (const name of ["../evil", "../../evil", `${outer}/evil`, `${outer}/evil.ts`, "evil.ts"]) {
      await assert.rejects(
        () => loadPipeline({ root, pipeline: name }),
        (error) =>
          error instanceof UserError && /invalid pipeline name/.test(error.message) &&
          /--file <path>/.test(error.message),
        name,
      );
    }
    // A symlink inside pipelines/ that leads out of it is refused too.
    Deno.symlinkSync(join(outer, "evil.ts"), join(root, "pipelines", "link.ts"));
    await assert.rejects(
      () => loadPipeline({ root, pipeline: "link" }),
      /pipelines\/link\.ts links outside pipelines\/; run it with --file/,
    );
    assert.throws(() => Deno.statSync(marker), Deno.errors.NotFound, "nothing was imported");
  } finally {
    await Deno.remove(outer, { recursive: true });
  }
});

const meta = (value: unknown) => value as PipelineMeta;
const oneNode = (p: Parameters<Parameters<typeof pipeline>[1]>[0]) => {
  p.fetch("raw", source, { n: 2 });
};

async function declarationError(definition: unknown): Promise<PipelineDeclarationError> {
  try {
    await graphFromDefinition(definition, { file: "pipelines/hostile.ts" });
  } catch (error) {
    assert.ok(error instanceof PipelineDeclarationError, String(error));
    return error;
  }
  throw new Error("the definition was accepted");
}

Deno.test("pipeline(meta) is validated: name pattern, integer seed, string description", async () => {
  const cases: Array<[unknown, string, RegExp]> = [
    [{ name: "../../../../tmp/x" }, "name", /a pipeline name is one to four/],
    [{ name: "/tmp/x" }, "name", /a pipeline name is one to four/],
    [{ name: 42 }, "name", /needs a name \(a string\)/],
    [{ name: "ok", seed: 1.5 }, "seed", /the seed must be an integer/],
    [{ name: "ok", seed: "7" }, "seed", /the seed must be an integer/],
    [{ name: "ok", description: 3 }, "description", /the description must be a string/],
    [{ name: "ok", sede: 3 }, "", /sede/],
  ];
  for (const [value, field, message] of cases) {
    const error = await declarationError(pipeline(meta(value), oneNode));
    const issue = error.issues.find((candidate) => (candidate.field ?? "") === field);
    assert.ok(issue, `${JSON.stringify(value)}: ${JSON.stringify(error.issues)}`);
    assert.match(issue.message, message);
  }
  const graph = await graphFromDefinition(
    pipeline({ name: "study/ok", seed: 3, description: "fine" }, oneNode),
    { file: "pipelines/study/ok.ts" },
  );
  assert.deepEqual([graph.name, graph.seed, graph.description], ["study/ok", 3, "fine"]);
});

Deno.test("an async builder and a pipeline without nodes are declaration errors", async () => {
  let unhandled = 0;
  const onUnhandled = (event: PromiseRejectionEvent) => {
    unhandled++;
    event.preventDefault();
  };
  globalThis.addEventListener("unhandledrejection", onUnhandled);
  try {
    const later = pipeline({ name: "later" }, async (p) => {
      p.fetch("early", source, { n: 1 });
      await Promise.resolve();
      p.fetch("late", source, { n: 1 });
    });
    const error = await declarationError(later);
    assert.match(error.message, /the builder returned a promise: .* remove `async`/);
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(unhandled, 0, "the late declaration's failure is not left unhandled");
  } finally {
    globalThis.removeEventListener("unhandledrejection", onUnhandled);
  }
  const empty = await declarationError(pipeline({ name: "empty" }, () => {}));
  assert.match(empty.message, /the pipeline declares no nodes; declare at least one/);
});

Deno.test("through the CLI: paths run only with --file, and a hostile declared name writes nothing", async () => {
  await using project = await FixtureProject.create();
  const outside = await Deno.makeTempDir({ prefix: "finfusion-dag-" });
  try {
    const dag = (name: string) =>
      `import { pipeline } from "${ENGINE_URL}mod.ts";\n` +
      `import { source } from "${NUMBERS_URL}";\n` +
      `export default pipeline({ name: ${JSON.stringify(name)} }, (p) => {\n` +
      `  p.fetch("raw", source, { n: 2 });\n});\n`;
    Deno.writeTextFileSync(join(outside, "good.ts"), dag("scratch/good"));
    Deno.writeTextFileSync(join(outside, "bad.ts"), dag("../../../../escape"));
    const byPath = await project.expectCli(["pipeline", join(outside, "good.ts")], 2);
    assert.match(byPath.stderr, /invalid pipeline name .*pass --file <path>/);
    const both = await project.expectCli(["status", "fx", "--file", join(outside, "good.ts")], 2);
    assert.match(both.stderr, /give a pipeline name or --file, not both/);
    await project.expectCli(["pipeline", "--file", join(outside, "good.ts")]);
    assert.equal(project.lastRun().pipeline, "scratch/good");
    assert.ok(Deno.statSync(project.path(".finfusion/manifests/scratch/good.json")).isFile);
    const bad = await project.expectCli(["pipeline", "--file", join(outside, "bad.ts")], 2);
    assert.match(bad.stderr, /field "name": a pipeline name is one to four/);
    assert.equal(project.ledger().length, 1, "the hostile file ran nothing");
    assert.deepEqual(
      [...Deno.readDirSync(project.path(".finfusion/manifests"))].map((entry) => entry.name),
      ["scratch"],
    );
  } finally {
    await Deno.remove(outside, { recursive: true });
  }
});
