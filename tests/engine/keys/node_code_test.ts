/**
 * A node's code is its task module's closure plus the closures of the implementation
 * modules the task names for its parameters: editing one implementation recomputes only the
 * nodes that run it, and status names the edited file.
 */
import assert from "node:assert/strict";
import type { ModuleClosure } from "../../../engine/keys/modgraph.ts";
import { nodeModules, unionClosure } from "../../../engine/keys/node_code.ts";
import type { AnyTask } from "../../../engine/task.ts";
import { FixtureProject, type StatusNode } from "../fixture_project.ts";

const TASK_URL = "file:///project/tasks/generic.ts";

function task(implementation?: (params: unknown) => unknown): AnyTask {
  return { name: "t.generic", kind: "train", module: TASK_URL, implementation } as AnyTask;
}

Deno.test("nodeModules: the task module first, then the named implementations, once each", () => {
  assert.deepEqual(nodeModules(task(), {}), [TASK_URL]);
  assert.deepEqual(nodeModules(task(() => null), {}), [TASK_URL]);
  const pick = (params: unknown) => `file:///project/models/${(params as { m: string }).m}.ts`;
  assert.deepEqual(nodeModules(task(pick), { m: "a" }), [TASK_URL, "file:///project/models/a.ts"]);
  const list = () => ["file:///p/x.ts", TASK_URL, "file:///p/x.ts"];
  assert.deepEqual(nodeModules(task(list), {}), [TASK_URL, "file:///p/x.ts"]);
  assert.throws(
    () => nodeModules(task(() => "./models/a.ts"), {}),
    /implementation\(params\) of task "t\.generic" returned "\.\/models\/a\.ts"; return absolute file: URLs/,
  );
  assert.throws(() => nodeModules(task(() => [42]), {}), /returned 42/);
});

Deno.test("unionClosure merges files and npm packages, sorted", () => {
  const closures = new Map<string, ModuleClosure>([
    ["file:///t.ts", { files: { "tasks/t.ts": "1", "lib/shared.ts": "2" }, npm: ["zod@4"] }],
    ["file:///m.ts", {
      files: { "models/m.ts": "3", "lib/shared.ts": "2" },
      npm: ["a@1", "zod@4"],
    }],
  ]);
  const union = unionClosure(closures, ["file:///t.ts", "file:///m.ts"]);
  assert.deepEqual(Object.entries(union.files), [
    ["lib/shared.ts", "2"],
    ["models/m.ts", "3"],
    ["tasks/t.ts", "1"],
  ]);
  assert.deepEqual(union.npm, ["a@1", "zod@4"]);
  assert.throws(() => unionClosure(closures, ["file:///gone.ts"]), /file:\/\/\/gone\.ts/);
});

const PIPELINE = `
import { pipeline, sweep } from "${new URL("../../../engine/mod.ts", import.meta.url).href}";
import { source } from "../tasks/numbers.ts";
import { applyImplementation } from "../tasks/pick.ts";

export default pipeline({ name: "impl", seed: 3 }, (p) => {
  const raw = p.fetch("raw", source, { n: 4 });
  p.train("apply", applyImplementation, {
    impl: sweep(["alpha", "beta"]),
    shift: sweep([1, 2]),
  }, { values: raw });
});
`;

const ALPHA = ["apply[impl=alpha,shift=1]", "apply[impl=alpha,shift=2]"];
const BETA = ["apply[impl=beta,shift=1]", "apply[impl=beta,shift=2]"];

async function status(project: FixtureProject): Promise<Map<string, StatusNode>> {
  const result = await project.expectCli(["status", "impl", "--json"]);
  const nodes = JSON.parse(result.stdout).nodes as StatusNode[];
  return new Map(nodes.map((node) => [node.id, node]));
}

function assertStale(nodes: Map<string, StatusNode>, stale: string[], file: string): void {
  for (const [id, node] of nodes) {
    if (!stale.includes(id)) {
      assert.equal(node.status, "FRESH", id);
      continue;
    }
    assert.equal(node.status, "STALE", id);
    assert.deepEqual(node.causes, [{ kind: "code", detail: `${file} changed` }], id);
  }
}

Deno.test("editing an implementation module recomputes only the nodes that run it", async (t) => {
  await using project = await FixtureProject.create();
  Deno.writeTextFileSync(project.path("pipelines/impl.ts"), PIPELINE);

  await t.step("first run computes every node", async () => {
    await project.expectCli(["pipeline", "impl"]);
    assert.deepEqual(project.ran().sort(), [...ALPHA, ...BETA, "raw"]);
  });

  await t.step("an edited implementation stales its nodes only, named in status", async () => {
    project.edit("tasks/impl_alpha.ts", (text) => text.replace("value * 10", "value * 11"));
    assertStale(await status(project), ALPHA, "tasks/impl_alpha.ts");
    const text = await project.expectCli(["status", "impl"]);
    assert.match(
      text.stdout,
      /STALE +apply\[impl=alpha,shift=1\] +code: tasks\/impl_alpha\.ts changed/,
    );
    await project.expectCli(["pipeline", "impl"]);
    assert.deepEqual(project.ran().sort(), ALPHA);
  });

  await t.step("a module imported by one implementation is part of its closure", async () => {
    project.edit("tasks/impl_beta_offset.ts", (text) => text.replace("index * 2", "index * 3"));
    assertStale(await status(project), BETA, "tasks/impl_beta_offset.ts");
    await project.expectCli(["pipeline", "impl"]);
    assert.deepEqual(project.ran().sort(), BETA);
  });

  await t.step("the task module's own closure still covers every node", async () => {
    project.edit("tasks/pick.ts", (text) => `// edited by the test\n${text}`);
    assertStale(await status(project), [...ALPHA, ...BETA], "tasks/pick.ts");
  });
});
