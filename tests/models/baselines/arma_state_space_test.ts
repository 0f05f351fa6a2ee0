import assert from "node:assert/strict";
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { ArmaFilter, armaLogLikelihood } from "../../../models/baselines/arma_state_space.ts";

const w = [0.3, -1.2, 0.8, 0.05, 1.7, -0.4, -0.9, 0.6, 1.1, -0.2, 0.45, -1.6];

/** Concentrated exact log-likelihood from the full autocovariance matrix (Cholesky). */
function directLogLikelihood(gamma: (lag: number) => number): number {
  const n = w.length;
  const cov = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) cov.set(i, j, gamma(Math.abs(i - j)));
  const chol = new CholeskyDecomposition(cov);
  const l = chol.lowerTriangularMatrix;
  let logDet = 0;
  for (let i = 0; i < n; i++) logDet += 2 * Math.log(l.get(i, i));
  const z = chol.solve(Matrix.columnVector(w));
  const quad = w.reduce((s, v, i) => s + v * z.get(i, 0), 0);
  const sigma2 = quad / n;
  return -0.5 * n * (Math.log(2 * Math.PI) + 1 + Math.log(sigma2)) - 0.5 * logDet;
}

Deno.test("Kalman likelihood of AR(1) equals the exact Gaussian density", () => {
  const phi = 0.55;
  const { logLikelihood } = armaLogLikelihood(w, {
    ar: Float64Array.of(phi),
    ma: new Float64Array(0),
  });
  const expected = directLogLikelihood((lag) => phi ** lag / (1 - phi * phi));
  assert.ok(Math.abs(logLikelihood - expected) < 1e-10, `${logLikelihood} vs ${expected}`);
});

Deno.test("Kalman likelihood of ARMA(1,1) and MA(2) equals the Gaussian density", () => {
  const phi = -0.4, theta = 0.7;
  const arma = armaLogLikelihood(w, { ar: Float64Array.of(phi), ma: Float64Array.of(theta) });
  const g0 = (1 + 2 * phi * theta + theta * theta) / (1 - phi * phi);
  const g1 = ((1 + phi * theta) * (phi + theta)) / (1 - phi * phi);
  const expected = directLogLikelihood((lag) => (lag === 0 ? g0 : g1 * phi ** (lag - 1)));
  assert.ok(Math.abs(arma.logLikelihood - expected) < 1e-10);

  const [t1, t2] = [0.5, -0.3];
  const ma2 = armaLogLikelihood(w, { ar: new Float64Array(0), ma: Float64Array.of(t1, t2) });
  const gamma = [1 + t1 * t1 + t2 * t2, t1 + t1 * t2, t2];
  assert.ok(Math.abs(ma2.logLikelihood - directLogLikelihood((lag) => gamma[lag] ?? 0)) < 1e-10);
});

Deno.test("ArmaFilter forecasts decay like the AR polynomial", () => {
  const filter = new ArmaFilter({ ar: Float64Array.of(0.5), ma: new Float64Array(0) });
  filter.step(2);
  assert.ok(Math.abs(filter.prediction.mean - 1) < 1e-12);
  assert.ok(Math.abs(filter.forecastMean(3) - 0.25) < 1e-12);
  assert.ok(Math.abs(filter.prediction.variance - 1) < 1e-12);
});
