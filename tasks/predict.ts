/**
 * Predict node: a fold and a model stored by a `trainModel` node in, the fold's test
 * forecasts (with the rows they score) and the interpretation out, as the same
 * {@link TrainResult} `fitModel` gives. The model is restored from its saved bytes
 * (`ModelSpec.load`, identical predictions), so a revision that changes only the fold's
 * test-period rows re-predicts here while the fit stays cached, and so does switching the
 * `checkpoint` rule among those the fit kept.
 */
import { z } from "zod";
import { defineTask } from "../engine/task.ts";
import type { FittedModel, Fold, TrainResult } from "../models/contract.ts";
import { loadModelSpec } from "../models/registry.ts";
import { CHECKPOINT_SELECTIONS } from "../models/tf/trainer_config.ts";
import { checkFold, scoredForecast, startBackend } from "./fit_steps.ts";
import { reselectCheckpoint } from "./reselect.ts";

function checkFitted(fitted: FittedModel, fold: Fold, nodeId: string): Uint8Array {
  if (!fitted || typeof fitted.model !== "string" || !("fitKey" in fitted)) {
    throw new Error(
      `${nodeId}: input "fitted" is not a stored model; connect it to a trainModel node ` +
        "mapped over the same folds",
    );
  }
  if (fitted.foldId !== fold.id || fitted.horizon !== fold.horizon) {
    throw new Error(
      `${nodeId}: the model was fitted on fold ${fitted.foldId} (horizon ${fitted.horizon}), ` +
        `not on fold ${fold.id} (horizon ${fold.horizon}); map the fit over the same fold axis`,
    );
  }
  if (!(fitted.weights instanceof Uint8Array)) {
    throw new Error(`${nodeId}: the ${fitted.label} fit stored no weights; refit it`);
  }
  return fitted.weights;
}

export const predictModel = defineTask({
  name: "train.predict-model",
  kind: "train",
  module: import.meta.url,
  seeded: true,
  worker: true,
  usesBackend: true,
  params: z.object({
    /**
     * Predict with this checkpoint rule's weights instead of the fit's own selection: a rule
     * the fit kept (`training.keepCheckpoints`), re-selected without retraining; the forecast
     * is labelled `<label>-<rule>` (`reselect.ts`). Absent: the fit's own selection.
     */
    checkpoint: z.enum(CHECKPOINT_SELECTIONS).optional(),
  }).strict(),
  inputs: { fold: "required", fitted: "required" },
  run: async (
    { fold, fitted }: { fold: Fold; fitted: FittedModel },
    params,
    ctx,
  ): Promise<TrainResult> => {
    checkFold(fold, ctx.nodeId);
    const stored = checkFitted(fitted, fold, ctx.nodeId);
    const { weights, record: chosen } = params.checkpoint === undefined
      ? { weights: stored, record: fitted }
      : reselectCheckpoint(fitted, stored, params.checkpoint, ctx.nodeId);
    const spec = await loadModelSpec(fitted.model);
    if (!spec.load) {
      throw new Error(`${ctx.nodeId}: model kind "${fitted.model}" has no load; use fitModel`);
    }
    await startBackend(ctx);
    const config = spec.schema.parse(fitted.config);
    const model = await spec.load(config, { seed: ctx.seed, backend: ctx.backend }, weights);
    try {
      const test = scoredForecast(await model.predict(fold, "test"), fold);
      const explanation = model.explain ? await model.explain(fold, "test") : null;
      const { fitKey: _fitKey, ...record } = chosen;
      return { ...record, test, explanation };
    } finally {
      model.dispose?.();
    }
  },
});
