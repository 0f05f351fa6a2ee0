import assert from "node:assert/strict";
import { arimaxSpec } from "../../../models/baselines/arimax.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import { arimaxReference as ref, referenceCase } from "./arimax_reference.ts";
import { syntheticFold } from "./synthetic_fold.ts";

const N = ref.y.length;
const context = { seed: 3, backend: "cpu" };

/**
 * The reference regresses series[s] on x[s]; the model regresses target[t] on past[t − 1].
 * So target[s + 1] = series[s] and past[s] = x[s]: origin row o forecasts series[o].
 */
function referenceFold(series: "y" | "y_integrated", horizon: number, test: number[]) {
  const lastTrainOrigin = ref.n_fit - horizon; // its last target row is n_fit = series[n_fit − 1]
  return syntheticFold({
    target: [0, ...ref[series]],
    past: { x1: [...ref.x1, 0], x2: [...ref.x2, 0] },
    encoderLength: 4,
    horizon,
    splits: {
      train: Array.from({ length: lastTrainOrigin - 2 }, (_, i) => i + 3),
      validation: [],
      test,
    },
  });
}

function fitted(config: Record<string, unknown>) {
  return arimaxSpec.create(arimaxSpec.schema.parse({ exog: ["x1", "x2"], ...config }), context);
}

Deno.test("arimax through the contract reproduces statsmodels' fit and one-step forecasts", async () => {
  const expected = referenceCase(1, 0, 1);
  const oneStepOrigins = Array.from({ length: N - ref.n_fit }, (_, i) => ref.n_fit + i);
  const fold = referenceFold("y", 1, oneStepOrigins);
  const model = fitted({ p: [1], q: [1] });
  const report = await model.fit(fold);
  assert.equal(report.summary.order, "ARIMAX(1,0,1)");
  const { coefficients } = await model.explain!(fold, "test");
  assert.deepEqual(Object.keys(coefficients!), Object.keys(expected.params));
  for (const [name, value] of Object.entries(expected.params)) {
    assert.ok(
      Math.abs(coefficients![name] - value) < 1e-3,
      `${name}: ${coefficients![name]} vs ${value}`,
    );
  }
  const forecast = await model.predict(fold, "test");
  assert.deepEqual([...forecast.origins], oneStepOrigins);
  expected.one_step.forEach((value, i) =>
    assert.ok(Math.abs(forecast.point[i] - value) < 5e-4, `origin ${oneStepOrigins[i]}`)
  );
});

Deno.test("arimax selects the order statsmodels' AIC prefers over the grid", async () => {
  const fold = referenceFold("y", 1, [ref.n_fit]);
  const report = await fitted({ p: [0, 1, 2], q: [0, 1] }).fit(fold);
  const aics = report.summary.gridAic as number[];
  const orders = String(report.summary.gridOrders).split(" ");
  orders.forEach((order, i) => {
    const [p, d, q] = order.slice(1, -1).split(",").map(Number);
    assert.ok(Math.abs(aics[i] - referenceCase(p, d, q).aic) < 1e-4, order);
  });
  const best = ref.cases.filter((c) => c.series === "y").reduce((a, b) => (b.aic < a.aic ? b : a));
  assert.equal(report.summary.order, `ARIMAX(${best.order.join(",")})`);
});

Deno.test("arimax multi-step forecasts hold the origin-row regressors, as in the reference", async () => {
  for (const [series, order] of [["y", [1, 0, 1]], ["y_integrated", [1, 1, 1]]] as const) {
    const expected = referenceCase(order[0], order[1], order[2]);
    const seriesOrigins = Object.keys(expected.multi_step).map(Number);
    const fold = referenceFold(series, ref.horizon, seriesOrigins.map((s) => s + 1).reverse());
    const model = fitted({ p: [order[0]], d: [order[1]], q: [order[2]] });
    await model.fit(fold);
    const forecast = await model.predict(fold, "test");
    [...seriesOrigins].reverse().forEach((origin, i) =>
      expected.multi_step[origin].forEach((value, h) => {
        const ours = forecast.point[i * ref.horizon + h];
        assert.ok(
          Math.abs(ours - value) < 5e-4,
          `${series} origin ${origin} step ${h + 1}: ${ours} vs ${value}`,
        );
      })
    );
  }
});

Deno.test("arimax recovers known parameters from simulated data", async () => {
  const rng = new SeededRandom(11);
  const n = 3000;
  const x = new Float64Array(n);
  const target = new Float64Array(n);
  let u = 0, previousShock = 0;
  for (let t = 1; t < n; t++) {
    x[t] = 0.8 * x[t - 1] + 0.6 * rng.normal();
    const shock = 0.01 * rng.normal();
    u = 0.6 * u + shock + 0.3 * previousShock;
    previousShock = shock;
    target[t] = 0.005 + 0.004 * x[t - 1] + u; // the regressor of row t is the feature of row t − 1
  }
  const fold = syntheticFold({ target, past: { x }, encoderLength: 2, horizon: 1 });
  const model = arimaxSpec.create(
    arimaxSpec.schema.parse({ exog: ["x"], p: [0, 1], q: [0, 1] }),
    context,
  );
  const report = await model.fit(fold);
  assert.equal(report.summary.order, "ARIMAX(1,0,1)");
  const c = (await model.explain!(fold, "test")).coefficients!;
  const truth = { const: 0.005, x: 0.004, "ar.L1": 0.6, "ma.L1": 0.3, sigma2: 1e-4 };
  // About three standard errors at n = 1800 training rows.
  const tolerance = { const: 0.0025, x: 0.0012, "ar.L1": 0.1, "ma.L1": 0.1, sigma2: 1e-5 };
  for (const [name, value] of Object.entries(truth)) {
    const key = name as keyof typeof truth;
    assert.ok(Math.abs(c[name] - value) < tolerance[key], `${name}: ${c[name]} vs true ${value}`);
  }
});

Deno.test("arimax is deterministic and refuses bad configs and inputs by name", async () => {
  const fold = referenceFold("y", 1, [ref.n_fit, ref.n_fit + 1]);
  const a = fitted({ p: [1], q: [0, 1] });
  const b = fitted({ p: [1], q: [0, 1] });
  await a.fit(fold);
  await b.fit(fold);
  assert.deepEqual([...(await a.predict(fold, "test")).point], [
    ...(await b.predict(fold, "test")).point,
  ]);

  assert.deepEqual(arimaxSpec.schema.parse({}), {
    exog: [],
    intercept: true,
    p: [0, 1, 2],
    d: [0],
    q: [0, 1],
    fitOn: "train",
    maxIterations: 500,
    minRootModulus: 1.01,
  });
  assert.throws(() => arimaxSpec.schema.parse({ minRootModulus: 0.99 }), /"minRootModulus"/);
  assert.throws(() => arimaxSpec.schema.parse({ p: [-1] }), /"p"/);
  assert.throws(() => arimaxSpec.schema.parse({ d: [3] }), /"d"/);
  assert.throws(() => arimaxSpec.schema.parse({ q: [] }), /"q"/);
  await assert.rejects(
    fitted({ exog: ["cpi"] }).fit(fold),
    /config\.exog: .*no past feature "cpi"; available: x1, x2/,
  );
  await assert.rejects(fitted({}).predict(fold, "test"), /call fit\(fold\) before predict/);
  const gappy = referenceFold("y", 1, [ref.n_fit]);
  gappy.past.values[2 * 50 + 1] = NaN;
  await assert.rejects(fitted({ p: [0], q: [0] }).fit(gappy), /"x2" is NaN at row 50/);
});
