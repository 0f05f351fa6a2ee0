/**
 * Order selection (models/baselines/arimax_selection.ts), and the case that motivates it:
 * ARIMAX where the likelihood's supremum is the non-invertible MA boundary (θ → −1, φ nearly
 * cancelling it), against statsmodels SARIMAX (tests/fixtures/reference/
 * generate_arimax_boundary.py). This is the shape of the weekly S&P 500 fold 2016, where the
 * boundary fit forecast 6–9% a week. Stated tolerances: log-likelihood at least statsmodels'
 * minus 1e-4 (on the boundary ours is 1.3e-3 higher: statsmodels stops at θ = −0.99966, we
 * at −0.999995), boundary coefficients within 1e-3, AIC of the regular orders within 1e-3,
 * forecasts at statsmodels' parameters within 1e-9, forecasts of the selected order within
 * 5e-4.
 */
import assert from "node:assert/strict";
import { arimaxSpec } from "../../../models/baselines/arimax.ts";
import { type ArimaxFit, fitArimaxOrder } from "../../../models/baselines/arimax_fit.ts";
import { forecastArimax } from "../../../models/baselines/arimax_forecast.ts";
import { selectArimaxOrder } from "../../../models/baselines/arimax_selection.ts";
import { syntheticFold } from "./synthetic_fold.ts";

interface BoundaryCase {
  order: [number, number, number];
  /** statsmodels names: const, x1 (our x), ar.L1, ma.L1, sigma2. */
  params: Record<string, number>;
  llf: number;
  aic: number;
  /** Smallest AR / MA root modulus; null for an empty side. */
  ar_min_root: number | null;
  ma_min_root: number | null;
  /** One-step predictions of y[n_fit..N−1] with the fitted parameters fixed. */
  one_step: number[];
}

const ref: { n_fit: number; y: number[]; x: number[]; cases: BoundaryCase[] } = JSON.parse(
  await Deno.readTextFile(
    new URL("../../fixtures/reference/arimax_boundary_reference.json", import.meta.url),
  ),
);
const N = ref.y.length;
const caseOf = (order: string) => ref.cases.find((c) => `(${c.order.join(",")})` === order)!;
const boundary = caseOf("(1,0,1)");
const trainY = ref.y.slice(0, ref.n_fit);
const mean = (v: ArrayLike<number>) => Array.from(v).reduce((s, x) => s + x, 0) / v.length;
const std = (v: ArrayLike<number>) => Math.sqrt(mean(Array.from(v, (x) => (x - mean(v)) ** 2)));

function regressionData(rows: number) {
  return {
    y: Float64Array.from(ref.y.slice(0, rows)),
    exog: [new Float64Array(rows).fill(1), Float64Array.from(ref.x.slice(0, rows))],
    exogNames: ["const", "x"],
  };
}

/** Weekly return forecasts on the scale of the returns: level and spread within half a std. */
function saneScale(forecasts: ArrayLike<number>): boolean {
  const scale = std(trainY);
  return Math.abs(mean(forecasts) - mean(trainY)) < 0.5 * scale && std(forecasts) < 0.5 * scale;
}

Deno.test("fitArimaxOrder reaches statsmodels' boundary supremum for ARIMAX(1,0,1)", () => {
  const fit = fitArimaxOrder(regressionData(ref.n_fit), { p: 1, d: 0, q: 1 });
  assert.ok(fit.logLikelihood >= boundary.llf - 1e-4, `${fit.logLikelihood} < ${boundary.llf}`);
  const ours = { const: fit.beta[0], x1: fit.beta[1], "ar.L1": fit.ar[0], "ma.L1": fit.ma[0] };
  for (const [name, value] of Object.entries(ours)) {
    assert.ok(Math.abs(value - boundary.params[name]) < 1e-3, `${name}: ${value}`);
  }
  assert.ok(fit.rootModulus.ma < 1.001, `MA root ${fit.rootModulus.ma}`);
  assert.ok(Math.abs(fit.rootModulus.ar - boundary.ar_min_root!) < 1e-2);
});

Deno.test("forecastArimax carries a near-non-invertible filter through the holdout as statsmodels does", () => {
  const p = boundary.params;
  const fit: ArimaxFit = {
    order: { p: 1, d: 0, q: 1 },
    beta: Float64Array.of(p.const, p.x1),
    ar: Float64Array.of(p["ar.L1"]),
    ma: Float64Array.of(p["ma.L1"]),
    sigma2: p.sigma2,
    logLikelihood: boundary.llf,
    aic: boundary.aic,
    nobs: ref.n_fit,
    converged: true,
    iterations: 0,
    rootModulus: { ar: boundary.ar_min_root!, ma: boundary.ma_min_root! },
  };
  const full = regressionData(N);
  const origins = boundary.one_step.map((_, i) => ref.n_fit - 1 + i);
  const ours = forecastArimax(fit, {
    ...full,
    origins,
    horizon: 1,
    futureExog: (i) => full.exog.map((column) => column[origins[i] + 1]),
  });
  boundary.one_step.forEach((expected, i) =>
    assert.ok(Math.abs(ours[i] - expected) < 1e-9, `step ${i}: ${ours[i]} vs ${expected}`)
  );
  // The failure the fixture pins down: at the boundary the forecasts run away.
  assert.equal(saneScale(ours), false);
});

Deno.test("selectArimaxOrder takes the lowest AIC among fits with roots off the unit circle", () => {
  const fit = (p: number, q: number, aic: number, ar: number, ma: number): ArimaxFit => ({
    order: { p, d: 0, q },
    beta: new Float64Array(0),
    ar: new Float64Array(p),
    ma: new Float64Array(q),
    sigma2: 1,
    logLikelihood: -aic / 2,
    aic,
    nobs: 100,
    converged: true,
    iterations: 1,
    rootModulus: { ar, ma },
  });
  const white = fit(0, 0, -10, Infinity, Infinity);
  const nearUnitAr = fit(1, 0, -30, 1.005, Infinity);
  const regular = fit(1, 1, -12, 1.2, 1.5);
  const both = fit(2, 1, -40, 1.001, 1.0002);
  const { best, rejected } = selectArimaxOrder([white, nearUnitAr, regular, both], 1.01);
  assert.equal(best, regular);
  assert.deepEqual(rejected, [
    "(1,0,0): AR root modulus 1.005000 < 1.01",
    "(2,0,1): AR root modulus 1.001000 < 1.01",
    "(2,0,1): MA root modulus 1.000200 < 1.01",
  ]);
  assert.equal(selectArimaxOrder([white, nearUnitAr, regular, both], 1).best, both);
  assert.equal(selectArimaxOrder([nearUnitAr, both], 1.01).best, null);
});

/** target[s + 1] = y[s] and past[s] = x[s], so origin row o forecasts y[o]. */
function boundaryFold() {
  return syntheticFold({
    target: [0, ...ref.y],
    past: { x: [...ref.x, 0] },
    encoderLength: 4,
    horizon: 1,
    splits: {
      train: Array.from({ length: ref.n_fit - 3 }, (_, i) => i + 3),
      validation: [],
      test: Array.from({ length: N - ref.n_fit }, (_, i) => ref.n_fit + i),
    },
  });
}

function model(config: Record<string, unknown>) {
  const parsed = arimaxSpec.schema.parse({ exog: ["x"], p: [0, 1], q: [0, 1], ...config });
  return arimaxSpec.create(parsed, { seed: 1, backend: "cpu" });
}

Deno.test("arimax skips the boundary order, matches statsmodels' choice, forecasts on scale", async () => {
  const fold = boundaryFold();
  const chosen = model({});
  const report = await chosen.fit(fold);
  assert.match(
    String(report.summary.gridRejected),
    /^\(1,0,1\): MA root modulus 1\.000\d+ < 1\.01$/,
  );
  const orders = String(report.summary.gridOrders).split(" ");
  const aics = report.summary.gridAic as number[];
  orders.forEach((order, i) => {
    // At the boundary the likelihood is flat; our optimiser climbs slightly higher there.
    const tolerance = order === "(1,0,1)"
      ? { below: 1e-2, above: 1e-6 }
      : { below: 1e-3, above: 1e-3 };
    const gap = aics[i] - caseOf(order).aic;
    assert.ok(gap > -tolerance.below && gap < tolerance.above, `${order}: AIC off by ${gap}`);
  });
  const eligible = ref.cases.filter((c) =>
    Math.min(c.ar_min_root ?? 2, c.ma_min_root ?? 2) >= 1.01
  );
  const expected = eligible.reduce((a, b) => (b.aic < a.aic ? b : a));
  assert.equal(report.summary.order, `ARIMAX(${expected.order.join(",")})`);
  const forecast = await chosen.predict(fold, "test");
  expected.one_step.forEach((value, i) =>
    assert.ok(Math.abs(forecast.point[i] - value) < 5e-4, `origin ${fold.splits.test[i]}`)
  );
  assert.ok(saneScale(forecast.point), `mean ${mean(forecast.point)} std ${std(forecast.point)}`);

  // With the check off, raw AIC takes the boundary fit and its forecasts run away.
  const unchecked = model({ minRootModulus: 1 });
  assert.equal((await unchecked.fit(fold)).summary.order, "ARIMAX(1,0,1)");
  assert.equal(saneScale((await unchecked.predict(fold, "test")).point), false);
});

Deno.test("arimax names the boundary fits when no order in the grid is eligible", async () => {
  await assert.rejects(
    model({ p: [1], q: [1] }).fit(boundaryFold()),
    /every fitted order lies on the stationarity\/invertibility boundary \(\(1,0,1\): MA root .*add p = 0 and q = 0/,
  );
});
