import assert from "node:assert/strict";
import {
  expandingBeta,
  fullSampleBeta,
  kalmanBeta,
  olsLine,
  rollingBeta,
} from "../../../models/pairs/hedge_ratio.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

/** A cointegrated pair: x a random walk, y = 2 + 1.5·x + noise. */
function pair(n: number, seed = 4) {
  const rng = new SeededRandom(seed);
  let level = 50;
  const x = Array.from({ length: n }, () => (level += rng.normal()));
  const y = x.map((v) => 2 + 1.5 * v + 0.3 * rng.normal());
  return { x, y };
}

Deno.test("OLS hedge ratio by hand: x = (1, 2, 3), y = (2, 3, 5) → β = 1.5, α = 1/3", () => {
  const line = olsLine([1, 2, 3], [2, 3, 5]);
  assert.ok(Math.abs(line.beta - 1.5) < 1e-12);
  assert.ok(Math.abs(line.alpha - 1 / 3) < 1e-12);
  assert.throws(() => olsLine([1, 1], [2, 3]), /x is constant over rows 0–1/);
});

Deno.test("expanding, rolling and Kalman β use no data after t; the full-sample β does", () => {
  const { x, y } = pair(300);
  const t = 200;
  const changed = { x: x.slice(), y: y.map((v, i) => (i > t ? v + 40 * Math.sin(i) : v)) };
  const same = (a: Float64Array, b: Float64Array) =>
    Array.from(a.slice(0, t + 1)).every((v, i) => Object.is(v, b[i]));
  assert.ok(same(expandingBeta(x, y, 30), expandingBeta(changed.x, changed.y, 30)));
  assert.ok(same(rollingBeta(x, y, 60), rollingBeta(changed.x, changed.y, 60)));
  const [k1, k2] = [kalmanBeta(x, y), kalmanBeta(changed.x, changed.y)];
  assert.ok(same(k1.posterior.beta, k2.posterior.beta) && same(k1.prior.beta, k2.prior.beta));
  assert.ok(!same(fullSampleBeta(x, y), fullSampleBeta(changed.x, changed.y)), "full sample leaks");
});

Deno.test("rolling and expanding β equal OLS on their windows; NaN before they exist", () => {
  const { x, y } = pair(100);
  const rolling = rollingBeta(x, y, 20);
  assert.ok(Number.isNaN(rolling[18]));
  assert.equal(rolling[50], olsLine(x, y, 31, 50).beta);
  const expanding = expandingBeta(x, y, 10);
  assert.ok(Number.isNaN(expanding[8]));
  assert.equal(expanding[70], olsLine(x, y, 0, 70).beta);
});

Deno.test("Kalman β: the prior at t is the posterior at t − 1, and it finds the true β", () => {
  const { x, y } = pair(2000, 9);
  const k = kalmanBeta(x, y);
  assert.equal(k.prior.beta[0], 0);
  for (const t of [1, 10, 500]) assert.equal(k.prior.beta[t], k.posterior.beta[t - 1]);
  assert.ok(Math.abs(k.posterior.beta[1999] - 1.5) < 0.1, `β ≈ 1.5, got ${k.posterior.beta[1999]}`);
  assert.ok(k.errorVariance.every((v) => v > 0));
  assert.throws(() => kalmanBeta([1, 2], [1]), /unequal lengths: x 2, y 1/);
});
