/**
 * ARIMAX against statsmodels SARIMAX on the carried reference table. Stated tolerance:
 * coefficients and σ² within 1e-3 (typically ~1e-5), log-likelihood at least statsmodels'
 * minus 1e-6 (our optimum is never worse), AIC within 1e-4, forecasts within 5e-4.
 */
import assert from "node:assert/strict";
import { fitArimaxOrder } from "../../../models/baselines/arimax_fit.ts";
import { forecastArimax } from "../../../models/baselines/arimax_forecast.ts";
import { arimaxReference as ref } from "./arimax_reference.ts";

function dataOf(series: "y" | "y_integrated", exogNames: string[], rows: number) {
  const y = Float64Array.from(ref[series].slice(0, rows));
  const exog = exogNames.map((name) =>
    name === "const"
      ? new Float64Array(rows).fill(1)
      : Float64Array.from(ref[name as "x1" | "x2"].slice(0, rows))
  );
  return { y, exog, exogNames };
}

function close(actual: number, expected: number, tolerance: number, what: string) {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual} vs statsmodels ${expected}`,
  );
}

for (const c of ref.cases) {
  const [p, d, q] = c.order;
  Deno.test(`ARIMAX(${p},${d},${q}) matches statsmodels SARIMAX coefficients, likelihood and forecasts`, () => {
    const fit = fitArimaxOrder(dataOf(c.series, c.exog, ref.n_fit), { p, d, q });
    assert.ok(fit.converged);
    const ours = [...fit.beta, ...fit.ar, ...fit.ma, fit.sigma2];
    const names = Object.keys(c.params);
    assert.equal(ours.length, names.length);
    names.forEach((name, i) => close(ours[i], c.params[name], 1e-3, name));
    assert.ok(fit.logLikelihood >= c.llf - 1e-6, `llf ${fit.logLikelihood} < statsmodels ${c.llf}`);
    close(fit.aic, c.aic, 1e-4, "aic");
    assert.equal(fit.nobs, c.nobs - d);

    const full = dataOf(c.series, c.exog, ref[c.series].length);
    // One-step: the forecast made after observing index t − 1 targets index t.
    const origins = c.one_step.map((_, i) => ref.n_fit - 1 + i);
    const oneStep = forecastArimax(fit, {
      ...full,
      origins,
      horizon: 1,
      futureExog: (i) => full.exog.map((column) => column[origins[i] + 1]),
    });
    c.one_step.forEach((expected, i) => close(oneStep[i], expected, 5e-4, `one-step ${i}`));

    const multiOrigins = Object.keys(c.multi_step).map(Number);
    const multi = forecastArimax(fit, {
      ...full,
      origins: multiOrigins,
      horizon: ref.horizon,
      futureExog: (i) => full.exog.map((column) => column[multiOrigins[i] + 1]),
    });
    multiOrigins.forEach((origin, i) =>
      c.multi_step[origin].forEach((expected, h) =>
        close(multi[i * ref.horizon + h], expected, 5e-4, `origin ${origin} step ${h + 1}`)
      )
    );
  });
}

Deno.test("forecastArimax reads nothing after the origin", () => {
  const c = ref.cases[0];
  const fit = fitArimaxOrder(dataOf(c.series, c.exog, ref.n_fit), { p: 1, d: 0, q: 1 });
  const full = dataOf(c.series, c.exog, ref.y.length);
  const origin = ref.n_fit + 10;
  const poisoned = Float64Array.from(full.y, (v, t) => (t > origin ? NaN : v));
  const args = {
    origins: [origin],
    horizon: 3,
    futureExog: () => full.exog.map((col) => col[origin + 1]),
  };
  const clean = forecastArimax(fit, { ...full, ...args });
  const blind = forecastArimax(fit, { ...full, y: poisoned, ...args });
  assert.deepEqual([...blind], [...clean]);
});

Deno.test("fitArimaxOrder names a regressor that is constant after differencing", () => {
  const data = dataOf("y_integrated", ["const", "x1"], 100);
  assert.throws(() => fitArimaxOrder(data, { p: 0, d: 1, q: 0 }), /regressor "const" is constant/);
});
