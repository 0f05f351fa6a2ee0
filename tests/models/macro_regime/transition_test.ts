import assert from "node:assert/strict";
import {
  fitTransitions,
  regimeState,
  transitionForecast,
} from "../../../models/macro_regime/transition.ts";

const near = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) < tol, `${a} ≠ ${b}`);

Deno.test("regime states: Bear ≤ −2, Bull ≥ +2, Neutral between", () => {
  assert.deepEqual([-3, -2, -1.9, 0, 1.9, 2, 5].map(regimeState), [
    "bear",
    "bear",
    "neutral",
    "neutral",
    "neutral",
    "bull",
    "bull",
  ]);
});

Deno.test("transition model by hand: counts with add-one smoothing, mixture forecast", () => {
  // States: bull, bull, neutral, bull. Transitions: bull→bull, bull→neutral, neutral→bull.
  const model = fitTransitions([3, 3, 0, 4]);
  // Rows (bear, neutral, bull) after add-one: bull row counts (1, 2, 2) → (0.2, 0.4, 0.4).
  assert.deepEqual(model.matrix[2].map((p) => Math.round(p * 10) / 10), [0.2, 0.4, 0.4]);
  assert.deepEqual(model.matrix[1].map((p) => Math.round(p * 100) / 100), [0.25, 0.25, 0.5]);
  near(model.means[2], 10 / 3);
  near(model.means[1], 0);
  near(model.means[0], 2.5, 1e-12); // never visited: the overall mean
  const f = transitionForecast(model, 3, 2);
  // One step from bull: 0.2·2.5 + 0.4·0 + 0.4·(10/3).
  near(f.mean[0], 0.2 * 2.5 + 0.4 * (10 / 3));
  const second = 0.2 * 2.5 ** 2 + 0.4 * 0 + 0.4 * (model.variances[2] + (10 / 3) ** 2);
  near(f.std[0], Math.sqrt(second - f.mean[0] ** 2));
  assert.equal(f.mean.length, 2);
});
