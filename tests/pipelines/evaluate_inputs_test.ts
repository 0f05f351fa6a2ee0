/**
 * The studies' evaluate node reads the feature node's frame (issue 11): `weekly-tft`,
 * `daily-tft` (`studies/tft_vs_baselines.ts`) and `weekly-cls` wire `features` beside the
 * gathered forecasts, so the report can print each macro series' publication timing.
 */
import assert from "node:assert/strict";
import { loadPipeline } from "../../engine/declare/loader.ts";
import { evaluateParams } from "../../tasks/evaluate.ts";
import { REPO } from "../engine/fixture_project.ts";

for (const pipeline of ["weekly-tft", "daily-tft", "weekly-cls"]) {
  Deno.test(`${pipeline}: the evaluate node reads the features beside the forecasts`, async () => {
    const graph = await loadPipeline({ root: REPO, pipeline });
    const metrics = graph.byId.get("metrics")!;
    assert.equal(metrics.kind, "evaluate");
    assert.deepEqual(metrics.inputs.features, { kind: "one", node: "features" });
    assert.equal(graph.byId.get("features")!.task.name, "feature.build-features");
    assert.equal(metrics.inputs.fits.kind, "gather");
    assert.deepEqual(metrics.params, evaluateParams.parse({}), "parameters unchanged");
  });
}
