import assert from "node:assert/strict";
import {
  ensembleForecast,
  momentumForecast,
  reversionForecast,
} from "../../../models/macro_regime/forecasters.ts";

const near = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) < tol, `${a} ≠ ${b}`);

Deno.test("reversion by hand: score 1 toward fair value 3 at 5% a day", () => {
  const f = reversionForecast(1, 3, 30);
  near(f.mean[0], 1 + 2 * 0.05); // t = 1
  near(f.mean[6], 1 + 2 * (1 - 0.95 ** 7)); // t = 7
  near(f.std[0], 0.8 * 1.03);
  near(f.std[29], 0.8 * (1 + 0.03 * 30));
  assert.ok(f.mean.every((v, i) => i === 0 || v > f.mean[i - 1]), "moves monotonically toward 3");
});

Deno.test("momentum by hand: a straight line keeps its trend, blended toward the EW mean", () => {
  // 30 days rising by 0.1 from 0: trend value at t = 2.9 + 0.1·t, recent std = 0.1·√((30² − 1)/12).
  const history = Array.from({ length: 30 }, (_, i) => 0.1 * i);
  const f = momentumForecast(history, 7);
  let w = 0, s = 0;
  for (let lag = 0; lag < 30; lag++) {
    w += Math.exp(-0.3 * lag);
    s += Math.exp(-0.3 * lag) * history[29 - lag];
  }
  const ewMean = s / w;
  for (const t of [1, 7]) {
    const decay = 0.95 ** t;
    near(f.mean[t - 1], (2.9 + 0.1 * t) * decay + ewMean * (1 - decay), 1e-10);
  }
  const recentStd = 0.1 * Math.sqrt((30 * 30 - 1) / 12);
  near(f.std[3], recentStd * (1 + 0.1 * 2), 1e-10);
  assert.throws(() => momentumForecast([1, 2], 7), /needs 30 days of scores, got 2/);
});

Deno.test("ensemble by hand: 70/30 means, σ from weighted σ and the capped disagreement", () => {
  const macro = { mean: [2], std: [1] };
  const momentum = { mean: [0], std: [2] };
  const e = ensembleForecast([{ forecast: macro, weight: 0.7 }, {
    forecast: momentum,
    weight: 0.3,
  }]);
  near(e.mean[0], 1.4);
  // weighted σ = 0.7 + 0.6 = 1.3; disagreement = std(2, 0) = 1 (under the cap 1.5).
  near(e.std[0], Math.sqrt(1.3 ** 2 + 1));
  near(e.upper[0] - e.lower[0], 2 * 1.96 * e.std[0]);
  // Far apart: the disagreement is capped at 1.5.
  const far = ensembleForecast([
    { forecast: { mean: [5], std: [0] }, weight: 0.5 },
    { forecast: { mean: [-5], std: [0] }, weight: 0.5 },
  ]);
  near(far.disagreement[0], 1.5);
  near(far.std[0], 1.5);
  assert.throws(() => ensembleForecast([{ forecast: macro, weight: 0.5 }]), /sum to 1, got 0.5/);
});
