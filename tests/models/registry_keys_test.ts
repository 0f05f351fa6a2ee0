/**
 * A fit node's key covers the kind it runs, not every registered kind: in a copy of the
 * project, editing one kind's config module (or a module only its implementation imports)
 * stales that kind's fits and leaves every other kind's keys unchanged.
 */
import assert from "node:assert/strict";
import type { FixtureProject, StatusNode } from "../engine/fixture_project.ts";
import { ENGINE_MOD, modelProject, register } from "./model_project.ts";

const PIPELINE = `
import { pipeline, sweep } from "${ENGINE_MOD}";
import { fixtureFold } from "../tasks/fixture_fold.ts";
import { fitModel } from "../tasks/train.ts";

export default pipeline({ name: "kinds", seed: 1 }, (p) => {
  const fold = p.split("fold", fixtureFold, { testYear: sweep([1, 2]) });
  p.train("fit", fitModel, {
    model: sweep({
      "tft": { kind: "tft" },
      "lstm": { kind: "lstm" },
      "arimax": { kind: "arimax", exog: ["a"] },
      "always-long": { kind: "always-long" },
    }),
  }, { fold });
});
`;

async function keys(project: FixtureProject): Promise<Map<string, StatusNode>> {
  const result = await project.expectCli(["status", "kinds", "--json", "--backend", "cpu"]);
  const nodes = (JSON.parse(result.stdout).nodes as StatusNode[])
    .filter((node) => node.id.startsWith("fit["));
  assert.equal(nodes.length, 8);
  for (const node of nodes) assert.ok(node.key, `${node.id} has a key once its fold is stored`);
  return new Map(nodes.map((node) => [node.id, node]));
}

/** Node ids whose key differs between two status snapshots. */
function changed(before: Map<string, StatusNode>, after: Map<string, StatusNode>): string[] {
  return [...after].filter(([id, node]) => before.get(id)!.key !== node.key).map(([id]) => id)
    .sort();
}

const fitsOf = (kind: string) => [1, 2].map((year) => `fit[testYear=${year},model=${kind}]`);

Deno.test("editing one kind's config or implementation changes that kind's fit keys only", async (t) => {
  await using project = await modelProject();
  Deno.writeTextFileSync(project.path("pipelines/kinds.ts"), PIPELINE);
  await project.expectCli(["pipeline", "kinds", "--only", "fold", "--backend", "cpu"]);
  let before = await keys(project);
  assert.deepEqual(
    new Set([...before.values()].map((node) => node.key)).size,
    8,
    "every fit has its own key",
  );

  for (
    const [kind, file] of [
      ["lstm", "models/lstm/config.ts"],
      ["arimax", "models/baselines/arimax_config.ts"],
      ["tft", "models/tft/static_encoders.ts"],
      ["always-long", "models/baselines/always_long.ts"],
    ]
  ) {
    await t.step(`an edit of ${file} changes the ${kind} fits' keys only`, async () => {
      project.edit(file, (text) => `${text}\n// edited by the test\n`);
      const after = await keys(project);
      assert.deepEqual(changed(before, after), fitsOf(kind).sort());
      before = after;
    });
  }

  await t.step(
    "adding a kind (its folder and one line in models/kinds.ts) changes no fit key",
    async () => {
      Deno.mkdirSync(project.path("models/extra"));
      Deno.writeTextFileSync(
        project.path("models/extra/config.ts"),
        'import { z } from "zod";\n' +
          'export const extraKind = { kind: "extra", description: "added by a test", ' +
          "schema: z.object({}).strict() };\n",
      );
      register(project, 'kind("./extra/config.ts", "./baselines/always_long.ts")');
      assert.deepEqual(changed(before, await keys(project)), []);
    },
  );
});
