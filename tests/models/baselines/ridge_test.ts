/**
 * Ridge against scikit-learn's Ridge on the carried reference table
 * (tests/fixtures/reference/generate_ridge.py). Stated tolerance: coefficients and
 * intercepts within 1e-9, predictions within 1e-6 (they are stored as float32).
 */
import assert from "node:assert/strict";
import { ridgeSpec } from "../../../models/baselines/ridge.ts";
import { fitRidge, predictRidge } from "../../../models/baselines/ridge_solver.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import { syntheticFold } from "./synthetic_fold.ts";

interface RidgeCase {
  name: string;
  lags: number;
  horizon: number;
  alpha: number;
  train: number[];
  test: number[];
  names: string[];
  coef: number[][];
  intercept: number[];
  predictions: number[][];
}
const ref: {
  features: Record<string, number[]>;
  static: number[];
  target: number[];
  cases: RidgeCase[];
} = JSON.parse(
  await Deno.readTextFile(
    new URL("../../fixtures/reference/ridge_reference.json", import.meta.url),
  ),
);
const context = { seed: 1, backend: "cpu" };

for (const c of ref.cases) {
  Deno.test(`ridge matches scikit-learn Ridge (${c.name}: ${c.names.length} columns, ${c.train.length} rows)`, async () => {
    const fold = syntheticFold({
      target: ref.target,
      past: ref.features,
      static: { s: ref.static },
      encoderLength: c.lags,
      horizon: c.horizon,
      splits: { train: c.train, validation: [], test: c.test },
    });
    const model = ridgeSpec.create(ridgeSpec.schema.parse({ alpha: c.alpha }), context);
    await model.fit(fold);
    const { coefficients } = await model.explain!(fold, "test");
    for (let h = 0; h < c.horizon; h++) {
      const prefix = h === 0 ? "" : `step${h + 1}:`;
      assert.ok(Math.abs(coefficients![`${prefix}intercept`] - c.intercept[h]) < 1e-9);
      c.names.forEach((name, j) => {
        const ours = coefficients![`${prefix}${name}`];
        assert.ok(
          Math.abs(ours - c.coef[h][j]) < 1e-9,
          `${prefix}${name}: ${ours} vs ${c.coef[h][j]}`,
        );
      });
    }
    const forecast = await model.predict(fold, "test");
    assert.deepEqual([...forecast.origins], c.test);
    c.predictions.flat().forEach((expected, k) =>
      assert.ok(Math.abs(forecast.point[k] - expected) < 1e-6)
    );
  });
}

Deno.test("fitRidge recovers known coefficients and shrinks to the mean as alpha grows", () => {
  const rng = new SeededRandom(8);
  const rows = 3000, cols = 4;
  const truth = [0.8, -0.5, 0, 0.25];
  const x = new Float64Array(rows * cols).map(() => rng.normal());
  const y = Float64Array.from(
    { length: rows },
    (_, i) => 1.5 + truth.reduce((s, b, j) => s + b * x[i * cols + j], 0) + 0.1 * rng.normal(),
  );
  const fit = fitRidge({ rows, cols, values: x }, { outputs: 1, values: y }, {
    alpha: 1e-3,
    fitIntercept: true,
  });
  truth.forEach((b, j) =>
    assert.ok(Math.abs(fit.coefficients[j] - b) < 0.01, `b${j} ${fit.coefficients[j]}`)
  );
  assert.ok(Math.abs(fit.intercept[0] - 1.5) < 0.01);

  const heavy = fitRidge({ rows, cols, values: x }, { outputs: 1, values: y }, {
    alpha: 1e9,
    fitIntercept: true,
  });
  assert.ok(heavy.coefficients.every((b) => Math.abs(b) < 1e-4));
  const mean = y.reduce((s, v) => s + v, 0) / rows;
  assert.ok(
    Math.abs(predictRidge(heavy, { rows: 1, values: new Float64Array(cols) })[0] - mean) < 1e-3,
  );
});

Deno.test("fitRidge without intercept solves the uncentred system", () => {
  // One column: β = Σxy / (Σx² + α).
  const x = Float64Array.of(1, 2, 3);
  const y = Float64Array.of(2, 3, 7);
  const fit = fitRidge({ rows: 3, cols: 1, values: x }, { outputs: 1, values: y }, {
    alpha: 2,
    fitIntercept: false,
  });
  assert.ok(Math.abs(fit.coefficients[0] - 29 / 16) < 1e-12);
  assert.equal(fit.intercept[0], 0);
});

Deno.test("ridge config defaults and errors name the field", () => {
  assert.deepEqual(ridgeSpec.schema.parse({}), {
    alpha: 1000,
    fitIntercept: true,
    lags: null,
    includeStatic: true,
    fitOn: "train",
  });
  assert.throws(() => ridgeSpec.schema.parse({ alpha: 0 }), /"alpha"/);
  assert.throws(() => ridgeSpec.schema.parse({ lags: 0 }), /"lags"/);
  assert.throws(() => ridgeSpec.schema.parse({ solver: "svd" }), /solver/);
});
