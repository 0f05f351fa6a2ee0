/**
 * The contract suite: every kind in the registry, with its registration's tiny test
 * configuration, on one small fold with past, known and static inputs. A kind that is
 * registered gets all of it:
 * - fits, and predicts every split (one finite forecast per origin and step);
 * - deterministic per seed: the same seed refits to identical forecasts;
 * - leaks no tensors: `tf.memory()` is back where it was after fit, predict, save, load,
 *   dispose;
 * - survives `save`/`load`: the restored model predicts (and explains) exactly the same;
 * - fitted on the fold's training view (test rows cut off), it saves the same model and
 *   predicts the test split identically: train and predict can be separate nodes;
 * - cannot see the future: changing every row after an origin (refit included) leaves that
 *   origin's forecast unchanged;
 * - its README (beside its spec module) documents every config field with its default.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import type {
  Fold,
  Forecast,
  ForecastModel,
  ModelSpec,
  SplitName,
} from "../../../models/contract.ts";
import { loadModelSpec, MODEL_KINDS, type RegisteredKind } from "../../../models/registry.ts";
import { initBackend } from "../../../models/tf/backend.ts";
import { trainingViewOf } from "../../../tasks/training_view.ts";
import { assertDocumentedDefaults } from "../baselines/readme_defaults.ts";
import { tftFold } from "../tft/tft_fold.ts";
import { cleanOrigin, forecastAt, futurePerturbed } from "./future.ts";

await initBackend("wasm");

const SEED = 11;
const CONTEXT = { seed: SEED, backend: "wasm" };
const SPLITS: SplitName[] = ["train", "validation", "test"];
const fold = tftFold({ rows: 110, horizon: 2, seed: 5 });

interface Fitted {
  model: ForecastModel;
  forecasts: Record<SplitName, Forecast>;
}

async function fitted(spec: ModelSpec<unknown>, config: unknown, on: Fold): Promise<Fitted> {
  const model = spec.create(config, CONTEXT);
  await model.fit(on);
  const forecasts = {} as Record<SplitName, Forecast>;
  for (const split of SPLITS) forecasts[split] = await model.predict(on, split);
  return { model, forecasts };
}

/** Every forecast array of a split, for exact comparison. */
const numbers = (forecast: Forecast) => ({
  point: [...forecast.point],
  quantiles: forecast.quantiles ? [...forecast.quantiles.values] : null,
  variance: forecast.variance ? [...forecast.variance] : null,
});

async function readme(item: RegisteredKind): Promise<string> {
  const url = new URL("README.md", item.module);
  try {
    return await Deno.readTextFile(url);
  } catch {
    throw new Error(`${item.kind}: no README.md beside its spec module (${url.pathname})`);
  }
}

for (const item of MODEL_KINDS.values()) {
  Deno.test(`contract: ${item.kind}`, async (t) => {
    const spec = await loadModelSpec(item.kind);
    const config = spec.schema.parse(item.testConfig);
    const before = tf.memory().numTensors;
    const first = await fitted(spec, config, fold);

    await t.step("fits and predicts every split", () => {
      for (const split of SPLITS) {
        const forecast = first.forecasts[split];
        assert.equal(forecast.split, split);
        assert.deepEqual([...forecast.origins], [...fold.splits[split]]);
        assert.equal(forecast.horizon, fold.horizon);
        assert.equal(forecast.point.length, fold.splits[split].length * fold.horizon);
        assert.ok(forecast.point.every(Number.isFinite), `${split} forecasts are finite`);
      }
    });

    await t.step("is deterministic per seed", async () => {
      const again = await fitted(spec, config, fold);
      again.model.dispose?.();
      for (const split of SPLITS) {
        assert.deepEqual(numbers(again.forecasts[split]), numbers(first.forecasts[split]), split);
      }
    });

    await t.step("survives save and load to identical forecasts", async () => {
      assert.ok(first.model.save && spec.load, `${item.kind} has no save/load`);
      const bytes = await first.model.save();
      assert.deepEqual(await first.model.save(), bytes, "save is deterministic");
      const loaded = await spec.load(config, CONTEXT, bytes);
      for (const split of SPLITS) {
        const forecast = await loaded.predict(fold, split);
        assert.deepEqual(numbers(forecast), numbers(first.forecasts[split]), split);
      }
      if (first.model.explain) {
        assert.deepEqual(
          await loaded.explain!(fold, "test"),
          await first.model.explain(fold, "test"),
        );
      }
      loaded.dispose?.();
    });

    await t.step("fitted on the training view, saves the same model", async () => {
      const view = trainingViewOf(fold);
      assert.equal(view.splits.test.length, 0);
      const model = spec.create(config, CONTEXT);
      await model.fit(view);
      assert.deepEqual(await model.save!(), await first.model.save!());
      const test = await model.predict(fold, "test");
      assert.deepEqual(numbers(test), numbers(first.forecasts.test));
      model.dispose?.();
    });

    await t.step("cannot see the future of an origin", async () => {
      const origin = cleanOrigin(fold);
      const changed = futurePerturbed(fold, origin);
      const expected = forecastAt(first.forecasts.test, origin);
      assert.deepEqual(
        forecastAt(await first.model.predict(changed, "test"), origin),
        expected,
        "predict read rows after the origin",
      );
      const refit = await fitted(spec, config, changed);
      refit.model.dispose?.();
      assert.deepEqual(forecastAt(refit.forecasts.test, origin), expected, "fit read them");
    });

    await t.step("leaks no tensors", () => {
      first.model.dispose?.();
      assert.equal(tf.memory().numTensors, before);
    });

    await t.step("its README documents every config field with its default", async () => {
      assertDocumentedDefaults(await readme(item), { [item.kind]: spec.schema });
    });
  });
}
