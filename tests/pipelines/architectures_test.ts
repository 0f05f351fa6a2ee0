/**
 * `pipelines/architectures/weekly.ts` declares a valid DAG (its default export expanded and
 * validated by the engine's loader): every model of the study is fitted and predicted on
 * every rolling fold under every replicate (three at least), each model's config is a valid
 * config of a registered kind, one evaluation per replicate is pooled by the replicates node,
 * and the report reads the pooled metrics.
 */
import assert from "node:assert/strict";
import { graphFromDefinition } from "../../engine/declare/loader.ts";
import weekly from "../../pipelines/architectures/weekly.ts";
import { registeredKind } from "../../models/registry.ts";
import {
  ARCHITECTURE_MODELS,
  ARCHITECTURE_REPLICATES,
  ARCHITECTURE_TEST_YEARS,
} from "../../pipelines/studies/architectures.ts";

const MODELS = [
  "mamba",
  "tsmixer",
  "multiscale-tsmixer",
  "cls-transformer",
  "tft",
  "lstm",
  "always-long",
];

Deno.test("architectures/weekly: every model on every fold and replicate, pooled", async () => {
  const file = "pipelines/architectures/weekly.ts";
  const graph = await graphFromDefinition(weekly, { file, expectedName: null });
  assert.equal(graph.name, "architectures/weekly");
  assert.ok(ARCHITECTURE_REPLICATES.length >= 3 && new Set(ARCHITECTURE_REPLICATES).size >= 3);
  const years = ARCHITECTURE_TEST_YEARS.map(String).sort();
  for (const group of ["fit", "predict"]) {
    const nodes = graph.nodes.filter((node) => node.group === group);
    assert.equal(nodes.length, MODELS.length * years.length * ARCHITECTURE_REPLICATES.length);
    for (const model of MODELS) {
      for (const replicate of ARCHITECTURE_REPLICATES) {
        const mine = nodes.filter((n) =>
          n.coords.model === model && n.coords.replicate === String(replicate)
        );
        assert.deepEqual(mine.map((n) => n.coords.testYear).sort(), years, `${group} ${model}`);
      }
    }
  }
  for (const [label, { kind, ...config }] of Object.entries(ARCHITECTURE_MODELS)) {
    registeredKind(kind).schema.parse(config);
    assert.ok(MODELS.includes(label));
  }
  const fold = graph.nodes.find((node) => node.group === "fold")!;
  assert.equal((fold.params as { encoderLength: number }).encoderLength, 52);

  const metrics = graph.nodes.filter((node) => node.group === "metrics");
  assert.equal(metrics.length, ARCHITECTURE_REPLICATES.length, "one evaluation per replicate");
  for (const node of metrics) {
    const fits = node.inputs.fits;
    assert.equal(fits.kind, "gather");
    const gathered = fits.kind === "gather" ? fits.nodes : [];
    assert.equal(gathered.length, MODELS.length * years.length);
    assert.ok(gathered.every((id) => id.includes(`replicate=${node.coords.replicate}]`)));
  }
  const pooled = graph.nodes.find((node) => node.group === "replicates")!;
  assert.equal(pooled.task.name, "evaluate.replicates");
  const report = graph.nodes.find((node) => node.group === "report")!;
  const input = report.inputs.metrics;
  assert.ok(input.kind === "one");
});
