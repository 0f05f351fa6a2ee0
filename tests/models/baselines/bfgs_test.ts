import assert from "node:assert/strict";
import { minimizeBfgs } from "../../../models/baselines/bfgs.ts";
import { numericGradient } from "../../../models/baselines/numeric_gradient.ts";

Deno.test("numericGradient matches an analytic gradient", () => {
  const f = (x: Float64Array) => Math.sin(x[0]) * x[1] ** 2 + Math.exp(x[1]);
  const x = Float64Array.of(0.7, -1.3);
  const g = numericGradient(f, x);
  assert.ok(Math.abs(g[0] - Math.cos(0.7) * 1.69) < 1e-8);
  assert.ok(Math.abs(g[1] - (2 * Math.sin(0.7) * -1.3 + Math.exp(-1.3))) < 1e-8);
});

Deno.test("minimizeBfgs finds the minimum of the Rosenbrock function", () => {
  const rosenbrock = (x: Float64Array) => (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2;
  const result = minimizeBfgs(rosenbrock, [-1.2, 1], {
    maxIterations: 1000,
    gradientTolerance: 1e-9,
  });
  assert.ok(result.converged, result.message);
  assert.ok(Math.abs(result.x[0] - 1) < 1e-5 && Math.abs(result.x[1] - 1) < 1e-5, `${result.x}`);
});

Deno.test("minimizeBfgs solves an ill-scaled quadratic exactly", () => {
  const scales = [1e-3, 1, 1e3];
  const target = [3, -2, 0.5];
  const f = (x: Float64Array) => x.reduce((s, v, i) => s + scales[i] * (v - target[i]) ** 2, 0);
  const result = minimizeBfgs(f, [0, 0, 0], { gradientTolerance: 1e-10 });
  result.x.forEach((v, i) => assert.ok(Math.abs(v - target[i]) < 1e-4, `x${i} = ${v}`));
});

Deno.test("minimizeBfgs backs away from regions where the objective is undefined", () => {
  // log barrier: undefined for x ≤ 0; minimum of x − log x at x = 1.
  const f = (x: Float64Array) => x[0] - Math.log(x[0]);
  const result = minimizeBfgs(f, [5]);
  assert.ok(Math.abs(result.x[0] - 1) < 1e-6, `${result.x[0]}`);
});

Deno.test("minimizeBfgs refuses a start point where the objective is not finite", () => {
  assert.throws(() => minimizeBfgs((x) => Math.log(x[0]), [-1]), /not finite at the start point/);
});
