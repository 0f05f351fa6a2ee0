import assert from "node:assert/strict";
import {
  deflatedSharpe,
  expectedMaxSharpe,
  probabilisticSharpe,
  returnMoments,
} from "../../../evaluation/stats/deflated_sharpe.ts";
import { normalCdf, normalQuantile } from "../../../evaluation/stats/distributions.ts";

// Reference values from SciPy 1.10 (scipy.stats.norm), computed with the formulas of
// Bailey & López de Prado (2014) on these ten returns.
const RETURNS = [0.01, -0.02, 0.015, 0.03, -0.01, 0.005, 0.02, -0.005, 0.012, -0.018];
const near = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) < tol, `${a} ≠ ${b}`);

Deno.test("normal quantile matches SciPy and inverts the CDF", () => {
  const scipy: [number, number][] = [
    [1e-10, -6.361340902404056],
    [0.001, -3.090232306167813],
    [0.025, -1.9599639845400545],
    [0.3, -0.5244005127080409],
    [0.5, 0],
    [0.9, 1.2815515655446004],
    [0.999999, 4.753424308817087],
  ];
  for (const [p, x] of scipy) near(normalQuantile(p), x, 1e-8);
  for (const p of [0.01, 0.2, 0.77]) near(normalCdf(normalQuantile(p)), p, 1e-12);
  assert.equal(normalQuantile(0), -Infinity);
  assert.throws(() => normalQuantile(1.5), /p in \[0, 1\]/);
});

Deno.test("return moments, PSR and DSR match the reference", () => {
  const moments = returnMoments(RETURNS);
  near(moments.sharpe, 0.24710780370236832, 1e-12);
  near(moments.skewness, -0.08815745286662664, 1e-12);
  near(moments.kurtosis, 1.8567231549287675, 1e-12);
  near(probabilisticSharpe(moments, 0), 0.7669164205766978);
  const threshold = expectedMaxSharpe(100, 0.01);
  near(threshold, 0.2530602893201685, 1e-8);
  const deflated = deflatedSharpe(moments, { count: 100, sharpeVariance: 0.01 });
  near(deflated.threshold, threshold);
  // After 100 trials, a Sharpe ratio of 0.247 per period is no better than luck.
  near(deflated.probability, 0.4929972924080557, 1e-8);
});

Deno.test("DSR: more trials raise the luck threshold; bad inputs are refused", () => {
  assert.ok(expectedMaxSharpe(1000, 0.01) > expectedMaxSharpe(10, 0.01));
  assert.equal(expectedMaxSharpe(50, 0), 0);
  assert.throws(() => expectedMaxSharpe(1, 0.01), /≥ 2 trials/);
  assert.throws(() => returnMoments([0.01, 0.01]), /constant returns/);
  assert.throws(() => returnMoments([0.01]), /≥ 2 returns/);
});
