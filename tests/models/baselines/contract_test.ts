/** Every baseline, looked up in the registry, fits and predicts a small fold through the contract. */
import assert from "node:assert/strict";
import { FLATTENING_NOTE } from "../../../models/baselines/window_regressor.ts";
import { loadModelSpec } from "../../../models/registry.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import { syntheticFold } from "./synthetic_fold.ts";

const rng = new SeededRandom(17);
const n = 160;
const macro = Float64Array.from({ length: n }, (_, t) => Math.sin(t / 9));
const fold = syntheticFold({
  target: Float64Array.from({ length: n }, () => 0.01 * rng.normal()),
  past: { macro, rsi: Float64Array.from({ length: n }, () => rng.normal()) },
  static: { regime: Float64Array.from({ length: n }, (_, t) => (t > 80 ? 1 : 0)) },
  encoderLength: 6,
  horizon: 2,
});

/** Models on flattened windows, whose fits tell the report that flattening loses temporal structure. */
const FLATTENED = ["ridge", "random-forest", "gradient-boosting"];
assert.match(FLATTENING_NOTE, /flattening loses temporal structure/);

/** Small settings so the whole sweep stays fast; everything else at its defaults. */
const configs: Record<string, Record<string, unknown>> = {
  "always-long": {},
  "historical-mean": {},
  "momentum": {},
  "random-walk": {},
  "arimax": { exog: ["macro"], p: [0, 1], q: [0, 1] },
  "ridge": {},
  "random-forest": { trees: 10 },
  "gradient-boosting": { trees: 20 },
  "garch": {},
};

for (const [kind, config] of Object.entries(configs)) {
  Deno.test(`${kind} fits and predicts every split through the registry`, async () => {
    const spec = await loadModelSpec(kind);
    assert.equal(spec.kind, kind);
    spec.schema.parse({}); // documented defaults parse
    const model = spec.create(spec.schema.parse(config), { seed: 1, backend: "cpu" });
    const report = await model.fit(fold);
    assert.deepEqual(report.history, []);
    assert.deepEqual(report.notes, FLATTENED.includes(kind) ? [FLATTENING_NOTE] : undefined);
    for (const split of ["train", "validation", "test"] as const) {
      const forecast = await model.predict(fold, split);
      assert.equal(forecast.split, split);
      assert.deepEqual([...forecast.origins], [...fold.splits[split]]);
      assert.equal(forecast.horizon, 2);
      assert.equal(forecast.point.length, fold.splits[split].length * 2);
      assert.ok(forecast.point.every(Number.isFinite), `${kind} ${split} has non-finite forecasts`);
      if (kind === "garch") assert.ok(forecast.variance!.every((v) => v > 0));
    }
    if (model.explain) {
      const explanation = await model.explain(fold, "test");
      assert.ok(explanation.coefficients || explanation.variableImportance);
    }
  });
}
