import assert from "node:assert/strict";
import {
  autocorrelation,
  drawdowns,
  excessKurtosis,
  leverageEffect,
  stylisedFacts,
} from "../../evaluation/stylised_facts.ts";
import { SeededRandom } from "../../models/tf/rng.ts";

const near = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) < tol, `${a} ≠ ${b}`);

Deno.test("excess kurtosis by hand: (−1, 0, 0, 1) → m₂ = 1/2, m₄ = 1/2 → 2 − 3 = −1", () => {
  near(excessKurtosis([-1, 0, 0, 1]), -1);
  assert.throws(() => excessKurtosis([1, 1, 1, 1]), /constant returns/);
});

Deno.test("autocorrelation by hand: (1, 2, 3, 4) → lag 1: (−1.5·−0.5 + −0.5·0.5 + 0.5·1.5)/5 = 0.25", () => {
  const [lag1, lag2] = autocorrelation([1, 2, 3, 4], 2);
  near(lag1, 0.25);
  near(lag2, (-1.5 * 0.5 + -0.5 * 1.5) / 5);
});

Deno.test("drawdowns by hand: +10%, −50%, +100%, −10% → one recovered 50% and one open 10%", () => {
  const episodes = drawdowns([0.1, -0.5, 1, -0.1]);
  // Wealth 1.1 (peak), 0.55 (trough), 1.1 (recovered: 2 bars after the peak), 0.99.
  assert.equal(episodes.length, 2);
  near(episodes[0].depth, 0.5);
  assert.deepEqual([episodes[0].duration, episodes[0].recovered], [2, true]);
  near(episodes[1].depth, 0.1);
  assert.equal(episodes[1].recovered, false);
});

Deno.test("stylised facts tell a GARCH-like path with leverage from i.i.d. normal returns", () => {
  const rng = new SeededRandom(3);
  const iid = Array.from({ length: 4000 }, () => 0.01 * rng.normal());
  // GJR-style: variance rises after falls (leverage) and persists (clustering).
  const clustered: number[] = [];
  let variance = 1e-4;
  for (let t = 0; t < 4000; t++) {
    const r = Math.sqrt(variance) * rng.normal();
    clustered.push(r);
    variance = 1e-6 + 0.85 * variance + 0.06 * r * r + (r < 0 ? 0.14 * r * r : 0);
  }
  const [a, b] = [stylisedFacts(iid), stylisedFacts(clustered)];
  assert.ok(Math.abs(a.excessKurtosis) < 0.3 && b.excessKurtosis > 1);
  assert.ok(Math.abs(a.absoluteAcf[0]) < 0.06 && b.absoluteAcf[0] > 0.1);
  assert.ok(b.absoluteAcf.every((v) => v > 0.05), "clustering persists over 10 lags");
  assert.ok(leverageEffect(clustered, 5).every((v) => v < 0), "falls raise later volatility");
  assert.ok(b.maxDrawdown >= b.drawdownDepth.p90 && b.drawdownDepth.p90 >= b.drawdownDepth.median);
});
