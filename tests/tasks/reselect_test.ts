/**
 * Re-selecting a checkpoint rule at the predict node: a TFT fit that keeps every rule
 * predicts, under its own rule, bit-identically to today's fit (same stored model bytes),
 * and under another rule exactly as a fit with that rule; a rule not kept is a clear error;
 * in a DAG, switching the rule re-runs only the predict node.
 */
import assert from "node:assert/strict";
import type { FittedModel, TrainResult } from "../../models/contract.ts";
import { initBackend } from "../../models/tf/backend.ts";
import { isCheckpointPack, ownModelBytes, packedRules } from "../../models/tf/checkpoint_pack.ts";
import { CHECKPOINT_SELECTIONS } from "../../models/tf/trainer_config.ts";
import { predictModel } from "../../tasks/predict.ts";
import { fitModel, trainModel } from "../../tasks/train.ts";
import { trainingViewOf } from "../../tasks/training_view.ts";
import { outcomes } from "../engine/fixture_project.ts";
import { ENGINE_MOD, modelProject } from "../models/model_project.ts";
import { tftFold } from "../models/tft/tft_fold.ts";
import { recordingContext } from "./task_context.ts";

await initBackend("wasm");

const fold = tftFold({ rows: 160, horizon: 1 });
const tiny = { kind: "tft", hiddenSize: 8, attentionHeads: 2, hiddenContinuousSize: 4 };
const training = { epochs: 5, earlyStoppingPatience: 2 };
const context = (node: string) => ({
  ...recordingContext(node, 5),
  backend: "wasm",
  coords: { model: "tft" },
  key: "f".repeat(64),
});

async function fitted(trainingConfig: Record<string, unknown>): Promise<FittedModel> {
  const params = fitModel.params.parse({ model: { ...tiny, training: trainingConfig } });
  return await trainModel.run(
    { fold: trainingViewOf(fold) },
    params,
    context("fit"),
  ) as FittedModel;
}

const predict = async (model: FittedModel, checkpoint?: string) =>
  await predictModel.run(
    { fold, fitted: model },
    predictModel.params.parse(checkpoint ? { checkpoint } : {}),
    context("predict[model=tft]"),
  ) as TrainResult;

Deno.test("reselect: own rule unchanged, each kept rule equals a fit with that rule", async () => {
  const keeping = await fitted({ ...training, keepCheckpoints: [...CHECKPOINT_SELECTIONS] });
  const plain = await fitted(training);
  const stored = keeping.weights!;
  assert.ok(isCheckpointPack(stored) && !isCheckpointPack(plain.weights!));
  assert.deepEqual(ownModelBytes(stored), plain.weights, "the own model's bytes are today's");
  assert.deepEqual(packedRules(stored).kept.map((k) => k.rule), [
    "diversity",
    "val-da",
    "composite",
  ]);
  const own = await predict(keeping);
  const today = await predict(plain);
  assert.deepEqual(own.test.point, today.test.point, "default predictions bit-identical");
  assert.equal(own.label, "tft");
  assert.deepEqual(await predict(keeping, "val-loss"), own, "naming the own rule changes nothing");
  for (const rule of ["diversity", "val-da", "composite"] as const) {
    const single = await fitted({ ...training, checkpointSelection: rule });
    const reselected = await predict(keeping, rule);
    assert.deepEqual(reselected.test.point, (await predict(single)).test.point, rule);
    assert.equal(reselected.label, `tft-${rule}`);
    assert.equal(reselected.fit.selectedEpoch, single.fit.selectedEpoch, `${rule}: epoch`);
    assert.equal(keeping.fit.keptEpochs![rule], single.fit.selectedEpoch);
    assert.equal(
      (reselected.config.training as { checkpointSelection: string }).checkpointSelection,
      rule,
    );
  }
});

Deno.test("reselect: a rule the fit did not keep is an error naming node, rule and fix", async () => {
  const model = await fitted({ ...training, keepCheckpoints: ["diversity"] });
  await assert.rejects(
    () => predict(model, "composite"),
    new RegExp(
      String.raw`predict\[model=tft\]: checkpoint "composite" was not kept by the tft fit ` +
        String.raw`\(its rule: val-loss; kept besides: diversity\); add "composite" to the ` +
        "model's training.keepCheckpoints and refit",
    ),
  );
  const plain = await fitted(training);
  await assert.rejects(() => predict(plain, "val-da"), /kept besides: none\)/);
});

const PIPELINE = `
import { pipeline } from "${ENGINE_MOD}";
import { fixtureFold } from "../tasks/fixture_fold.ts";
import { trainModel } from "../tasks/train.ts";
import { predictModel } from "../tasks/predict.ts";
import { trainingView } from "../tasks/training_view.ts";

export default pipeline({ name: "rules", seed: 1 }, (p) => {
  const fold = p.split("fold", fixtureFold, { testYear: 1 });
  const rows = p.split("train-rows", trainingView, {}, { fold });
  const fit = p.train("fit", trainModel, {
    model: {
      kind: "lstm", layers: 1, units: 4, dropout: 0,
      training: { epochs: 3, keepCheckpoints: ["composite", "val-da"] },
    },
  }, { fold: rows });
  p.train("predict", predictModel, { checkpoint: "val-loss" }, { fold, fitted: fit });
});
`;

Deno.test("switching the predict node's rule re-runs the predict node only", async () => {
  await using project = await modelProject();
  Deno.writeTextFileSync(project.path("pipelines/rules.ts"), PIPELINE);
  const run = async (...set: string[]) => {
    await project.expectCli(["pipeline", "rules", "--backend", "cpu", ...set]);
    return project.lastRun();
  };
  assert.deepEqual(outcomes(await run(), "miss"), ["fit", "fold", "predict", "train-rows"]);
  const switched = await run("--set", "predict.checkpoint=composite");
  assert.deepEqual(outcomes(switched, "miss"), ["predict"]);
  assert.deepEqual(outcomes(switched, "hit"), ["fit", "fold", "train-rows"]);
});
