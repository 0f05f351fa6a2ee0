/**
 * Pins GARCH(1,1)'s start-up convention and states exactly how it differs from the `arch`
 * package's (which is not installable here; its convention is reimplemented below from its
 * documented recursion): finfusion starts the recursion at σ²₀ = mean of (rₜ − μ)² over the
 * whole fitted window; arch computes a backcast b = Σᵢ wᵢ·(rᵢ − μ)² over the first
 * τ = min(75, n) rows with wᵢ ∝ 0.94ⁱ, and starts at σ²₀ = ω + (α + β)·b. From row 1 on both
 * run the same recursion, so their variances differ by βᵗ·(σ²₀ − σ²₀,arch) at row t.
 */
import assert from "node:assert/strict";
import {
  garchBackcast,
  garchLogLikelihood,
  type GarchParams,
} from "../../../models/baselines/garch_likelihood.ts";

const ref: { returns: number[]; cases: { mean: string; params: GarchParams }[] } = JSON.parse(
  await Deno.readTextFile(
    new URL("../../fixtures/reference/garch_reference.json", import.meta.url),
  ),
);

/** arch's `GARCH.backcast`: exponentially weighted (0.94) mean of the first 75 squared residuals. */
function archBackcast(returns: ArrayLike<number>, mu: number): number {
  const tau = Math.min(75, returns.length);
  let weighted = 0, weights = 0;
  for (let i = 0; i < tau; i++) {
    weighted += 0.94 ** i * (returns[i] - mu) ** 2;
    weights += 0.94 ** i;
  }
  return weighted / weights;
}

/** σ²ₜ for every row from a given σ²₀, by the recursion both conventions share from row 1. */
function variancePath(returns: ArrayLike<number>, p: GarchParams, start: number): number[] {
  const path = [start];
  for (let t = 1; t < returns.length; t++) {
    path.push(p.omega + p.alpha * (returns[t - 1] - p.mu) ** 2 + p.beta * path[t - 1]);
  }
  return path;
}

function gaussianLogLikelihood(returns: ArrayLike<number>, mu: number, path: number[]): number {
  let total = 0;
  for (let t = 0; t < path.length; t++) {
    total += Math.log(2 * Math.PI) + Math.log(path[t]) + (returns[t] - mu) ** 2 / path[t];
  }
  return -0.5 * total;
}

const returns = Float64Array.from(ref.returns.slice(0, 1200));
const params = ref.cases.find((c) => c.mean === "constant")!.params;

Deno.test("garch's backcast is the mean squared deviation over the fitted window, not arch's", () => {
  const mean = returns.reduce((s, r) => s + (r - params.mu) ** 2, 0) / returns.length;
  assert.ok(Math.abs(garchBackcast(returns, params.mu) - mean) <= 1e-15 * mean);
  // A calm start and a turbulent rest: arch's backcast sees only the calm start.
  const shifted = Float64Array.from({ length: 200 }, (_, t) => (t % 2 ? 1 : -1) * (t < 75 ? 1 : 3));
  assert.equal(garchBackcast(shifted, 0), (75 * 1 + 125 * 9) / 200);
  assert.ok(Math.abs(archBackcast(shifted, 0) - 1) < 1e-12);
});

Deno.test("garch starts the recursion at the backcast itself, where arch adds ω and (α + β)", () => {
  const ours = variancePath(returns, params, garchBackcast(returns, params.mu));
  const loglik = garchLogLikelihood(returns, params);
  const expected = gaussianLogLikelihood(returns, params.mu, ours);
  assert.ok(Math.abs(loglik - expected) <= 1e-10 * Math.abs(expected), `${loglik} vs ${expected}`);
  const archStart = params.omega +
    (params.alpha + params.beta) * archBackcast(returns, params.mu);
  const arch = variancePath(returns, params, archStart);
  const archLoglik = gaussianLogLikelihood(returns, params.mu, arch);
  assert.ok(Math.abs(loglik - archLoglik) > 1e-6, "the conventions should differ on this data");
  // The difference decays as βᵗ: after 200 rows it is below 1e-9 of the variance.
  const gap0 = ours[0] - arch[0];
  for (const t of [1, 10, 50, 200]) {
    const gap = ours[t] - arch[t];
    assert.ok(Math.abs(gap - params.beta ** t * gap0) <= 1e-12 * ours[t], `row ${t}`);
  }
  assert.ok(Math.abs(ours[200] - arch[200]) < 1e-9 * ours[200]);
});
