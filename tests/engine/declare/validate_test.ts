/** Structural declaration errors: kinds, ids, tasks, inputs and cycles, each named. */
import { z } from "zod";
import assert from "node:assert/strict";
import { defineTask, type NodeKind } from "../../../engine/task.ts";
import { scale, source } from "../../fixtures/engine/tasks/numbers.ts";
import { expectIssue } from "../declaration_issues.ts";

Deno.test("a node kind must be a valid name; any valid name is a kind", async () => {
  for (const kind of ["Bogus", "two words", "../x", "", "a".repeat(41)]) {
    await expectIssue(
      (p) => p.node("raw", { kind: kind as NodeKind, task: source, params: { n: 1 } }),
      "raw",
      "kind",
      /invalid node kind .*; a kind is a lowercase name .* or your own \(ensemble/,
    );
  }
  // An open kind must still agree with its task's kind.
  await expectIssue(
    (p) => p.node("raw", { kind: "ensemble", task: source, params: { n: 1 } }),
    "raw",
    "kind",
    /a node of kind ensemble cannot run task "fx\.source" of kind fetch/,
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

Deno.test("not a task, and a task its module does not export", async () => {
  await expectIssue(
    (p) => p.fetch("raw", { name: "x" } as unknown as typeof source, { n: 1 }),
    "raw",
    "task.kind",
    /the node kind must be a string/,
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

Deno.test("an open task takes inputs named by its params; a declared task still checks its own", async () => {
  const { inputNameIssues } = await import("../../../engine/declare/input_check.ts");
  type Checked = Parameters<typeof inputNameIssues>[1];
  const open = { ...scale, inputs: "open" } as unknown as Checked;
  assert.deepEqual(inputNameIssues("program", open, { "phase-a": "x", "phase-b": "y" }), []);
  // The declared task: "values" is missing and "phase-a" is not one of its inputs.
  assert.equal(
    inputNameIssues("scaled", scale as unknown as Checked, { "phase-a": "x" }).length,
    2,
  );
});
