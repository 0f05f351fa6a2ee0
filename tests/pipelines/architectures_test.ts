/**
 * `pipelines/architectures/weekly.ts` declares a valid DAG (its default export expanded and
 * validated by the engine's loader, as `architectures/weekly` will be loaded once nested
 * pipelines land; this branch's loader still wants a pipeline's name to be its file name): every
 * model of the study is fitted and predicted on every rolling fold, each model's config is
 * a valid config of a registered kind, and the study seeds number at least three.
 */
import assert from "node:assert/strict";
import { graphFromDefinition } from "../../engine/declare/loader.ts";
import weekly from "../../pipelines/architectures/weekly.ts";
import { DEFAULT_TEST_YEARS } from "../../tasks/split.ts";
import { registeredKind } from "../../models/registry.ts";
import { ARCHITECTURE_MODELS, ARCHITECTURE_SEEDS } from "../../pipelines/studies/architectures.ts";

const MODELS = [
  "mamba",
  "tsmixer",
  "multiscale-tsmixer",
  "cls-transformer",
  "tft",
  "lstm",
  "always-long",
];

Deno.test("architectures/weekly: every model on every rolling fold, valid configs", async () => {
  const file = "pipelines/architectures/weekly.ts";
  const graph = await graphFromDefinition(weekly, { file, expectedName: null });
  assert.equal(graph.name, "architectures/weekly");
  for (const group of ["fit", "predict"]) {
    const nodes = graph.nodes.filter((node) => node.group === group);
    assert.equal(nodes.length, MODELS.length * DEFAULT_TEST_YEARS.length, group);
    for (const model of MODELS) {
      const years = nodes.filter((n) => n.coords.model === model).map((n) => n.coords.testYear);
      assert.deepEqual(years.sort(), DEFAULT_TEST_YEARS.map(String).sort(), `${group} ${model}`);
    }
  }
  for (const [label, { kind, ...config }] of Object.entries(ARCHITECTURE_MODELS)) {
    registeredKind(kind).schema.parse(config);
    assert.ok(MODELS.includes(label));
  }
  const fold = graph.nodes.find((node) => node.group === "fold")!;
  assert.equal((fold.params as { encoderLength: number }).encoderLength, 52);
  assert.ok(ARCHITECTURE_SEEDS.length >= 3 && new Set(ARCHITECTURE_SEEDS).size >= 3);
});
