/**
 * Train apart from predict: `trainModel` on a fold's training view then `predictModel` on the
 * fold give byte-for-byte the TrainResult `fitModel` gives in one node, and in a DAG a
 * revision of test-period rows re-predicts while every fit stays cached.
 */
import assert from "node:assert/strict";
import { encodeArtifact } from "../../engine/store/codec.ts";
import type { FittedModel, TrainResult } from "../../models/contract.ts";
import { initBackend } from "../../models/tf/backend.ts";
import { predictModel } from "../../tasks/predict.ts";
import { fitModel, trainModel } from "../../tasks/train.ts";
import { trainingViewOf } from "../../tasks/training_view.ts";
import { outcomes } from "../engine/fixture_project.ts";
import { ENGINE_MOD, modelProject } from "../models/model_project.ts";
import { tftFold } from "../models/tft/tft_fold.ts";
import { recordingContext } from "./task_context.ts";

await initBackend("wasm");

const fold = tftFold({ rows: 120, horizon: 2 });
const tiny = { kind: "tft", hiddenSize: 8, attentionHeads: 2, hiddenContinuousSize: 4 };
const context = (node: string) => ({
  ...recordingContext(node, 5),
  backend: "wasm",
  coords: { model: "m" },
  key: "f".repeat(64),
});

for (
  const model of [{ ...tiny, training: { epochs: 2 } }, { kind: "arimax", exog: ["a"] }]
) {
  Deno.test(`trainModel + predictModel give fitModel's result (${model.kind})`, async () => {
    const params = fitModel.params.parse({ model });
    const whole = await fitModel.run({ fold }, params, context("fit")) as TrainResult;
    const view = trainingViewOf(fold);
    const fitted = await trainModel.run({ fold: view }, params, context("fit")) as FittedModel;
    assert.equal(fitted.fitKey, "f".repeat(64));
    assert.ok(!("test" in fitted), "the fit node stores no test forecasts");
    const result = await predictModel.run({ fold, fitted }, {}, context("predict"));
    assert.deepEqual(encodeArtifact(result), encodeArtifact(whole));
  });
}

Deno.test("predictModel refuses a fit of another fold or without weights", async () => {
  const params = fitModel.params.parse({ model: { kind: "always-long" } });
  const fitted = await trainModel.run({ fold }, params, context("fit")) as FittedModel;
  const other = { ...fold, id: "other" };
  await assert.rejects(
    Promise.resolve(predictModel.run({ fold: other, fitted }, {}, context("p[x=1]"))),
    /p\[x=1\]: the model was fitted on fold tft-synthetic \(horizon 2\), not on fold other/,
  );
  await assert.rejects(
    Promise.resolve(
      predictModel.run({ fold, fitted: { ...fitted, weights: null } }, {}, context("p")),
    ),
    /p: the m fit stored no weights; refit it/,
  );
  await assert.rejects(
    Promise.resolve(predictModel.run({ fold, fitted: {} as FittedModel }, {}, context("p"))),
    /p: input "fitted" is not a stored model/,
  );
});

const PIPELINE = (shift: number) => `
import { pipeline, sweep } from "${ENGINE_MOD}";
import { fixtureFold } from "../tasks/fixture_fold.ts";
import { trainModel } from "../tasks/train.ts";
import { predictModel } from "../tasks/predict.ts";
import { trainingView } from "../tasks/training_view.ts";

export default pipeline({ name: "split", seed: 1 }, (p) => {
  const fold = p.split("fold", fixtureFold, { testYear: 1, testShift: ${shift} });
  const rows = p.split("train-rows", trainingView, {}, { fold });
  const fit = p.train("fit", trainModel, {
    model: sweep({ "always-long": { kind: "always-long" }, "arimax": { kind: "arimax", exog: ["a"] } }),
  }, { fold: rows });
  p.train("predict", predictModel, {}, { fold, fitted: fit });
});
`;

Deno.test("test-period revisions re-predict without refitting; model edits redo both", async () => {
  await using project = await modelProject();
  const run = async (shift: number) => {
    Deno.writeTextFileSync(project.path("pipelines/split.ts"), PIPELINE(shift));
    await project.expectCli(["pipeline", "split", "--backend", "cpu"]);
    return project.lastRun();
  };
  const fits = ["fit[model=always-long]", "fit[model=arimax]"];
  const predicts = ["predict[model=always-long]", "predict[model=arimax]"];
  assert.deepEqual(outcomes(await run(0), "miss"), [...fits, "fold", ...predicts, "train-rows"]);
  const revised = await run(0.01);
  assert.deepEqual(outcomes(revised, "miss"), ["fold", ...predicts, "train-rows"]);
  assert.deepEqual(outcomes(revised, "hit"), fits);
  // The predict node's own key names no model code: the fit's key in its output does.
  project.edit("models/baselines/always_long.ts", (text) => `${text}// edited by the test\n`);
  const edited = await run(0.01);
  assert.deepEqual(outcomes(edited, "miss"), [fits[0], predicts[0]]);
});
