import assert from "node:assert/strict";
import {
  prepareSnooping,
  realityCheck,
  superiorPredictiveAbility,
} from "../../../evaluation/stats/data_snooping.ts";
import { stationaryBootstrap } from "../../../evaluation/stats/stationary_bootstrap.ts";

/**
 * Three models on n = 4 rows, three explicit resamples. Means d̄ = (0.5, 0, −3); resampled
 * means (rows [0,0,1,1], [2,2,2,3], [1,3,1,3]): (0, 0, −3), (1.5, 0.5, −3.5), (−0.5, −0.5, −2).
 */
const example = {
  differentials: [[1, -1, 2, 0], [0, 0, 1, -1], [-4, -2, -4, -2]],
  resamples: [[0, 0, 1, 1], [2, 2, 2, 3], [1, 3, 1, 3]].map((r) => Int32Array.from(r)),
};

const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

Deno.test("Reality Check by hand: V = √4·0.5 = 1; draws 2·max(d̄* − d̄) = 0, 2, 2 → p = 2/3", () => {
  const rc = realityCheck(example);
  near(rc.statistic, 1);
  near(rc.pValue, 2 / 3);
  assert.equal(rc.best, 0);
});

Deno.test("SPA by hand: a poor model dilutes the Reality Check, not the consistent SPA", () => {
  // ω² = population variance of 2·d̄*: model 0 → var(0, 3, −1) = 26/9, model 1 → 2/3,
  // model 2 → var(−6, −7, −4) = 14/9. T = 2·0.5/√(26/9) = 0.588348…
  const spa = superiorPredictiveAbility(example);
  near(spa.statistic, 1 / Math.sqrt(26 / 9));
  // Lower and consistent recentre model 2 at 0 (t₂ = −4.81 < −√(2 ln ln 4)), so its draws stay
  // negative: draws 0, 2·0.5/√(2/3) = 1.2247, 0 → p = 1/3. Upper recentres it at −3: its
  // third draw is 2·(−2 + 3)/√(14/9) = 1.6036 ≥ T → p = 2/3, the Reality Check's answer.
  near(spa.pValues.lower, 1 / 3);
  near(spa.pValues.consistent, 1 / 3);
  near(spa.pValues.upper, 2 / 3);
  assert.equal(spa.best, 0);
});

Deno.test("data snooping: inputs of unequal length or without resamples are refused", () => {
  assert.throws(
    () => realityCheck({ differentials: [[1, 2], [1]], resamples: example.resamples }),
    /model 1 has 1 differentials; model 0 has 2/,
  );
  assert.throws(
    () => superiorPredictiveAbility({ differentials: [[1, 2]], resamples: [] }),
    /needs ≥ 1 resample/,
  );
  assert.throws(
    () => realityCheck({ differentials: [[1, 2, 3]], resamples: [Int32Array.from([0, 1])] }),
    /resample 0 has 2 rows, not 3/,
  );
});

Deno.test("no skill anywhere: with many noise models the snooping p-values are not small", () => {
  let state = 12345;
  const noise = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  const differentials = Array.from({ length: 20 }, () => Array.from({ length: 200 }, noise));
  const resamples = stationaryBootstrap({ rows: 200, reps: 500, meanBlock: 5, seed: "noise" });
  assert.ok(realityCheck({ differentials, resamples }).pValue > 0.05);
  assert.ok(superiorPredictiveAbility({ differentials, resamples }).pValues.consistent > 0.05);
  // One model with a real edge is found.
  differentials[7] = differentials[7].map((v) => v + 0.2);
  const found = superiorPredictiveAbility({ differentials, resamples });
  assert.equal(found.best, 7);
  assert.ok(found.pValues.consistent < 0.01);
});

Deno.test("stationary bootstrap: seeded, in range, blocks of consecutive rows that wrap", () => {
  const options = { rows: 50, reps: 20, meanBlock: 10, seed: "s" };
  const a = stationaryBootstrap(options);
  assert.deepEqual(a, stationaryBootstrap(options));
  assert.notDeepEqual(a, stationaryBootstrap({ ...options, seed: "t" }));
  let continued = 0;
  for (const sample of a) {
    assert.equal(sample.length, 50);
    for (let t = 0; t < 50; t++) assert.ok(sample[t] >= 0 && sample[t] < 50);
    for (let t = 1; t < 50; t++) if (sample[t] === (sample[t - 1] + 1) % 50) continued++;
  }
  // A new block starts with probability 1/10: about 90% of steps continue the block.
  const share = continued / (20 * 49);
  assert.ok(share > 0.8 && share < 0.97, `continued share ${share}`);
  assert.throws(() => stationaryBootstrap({ ...options, meanBlock: 0.5 }), /mean block length/);
});

Deno.test("data snooping: block sums from prefix sums equal the resampled means summed row by row", () => {
  const differentials = Array.from(
    { length: 7 },
    (_, k) => Int8Array.from({ length: 120 }, (_, t) => ((t * (k + 3)) % 5) - 2),
  );
  // Mean block 4 wraps around the end often; mean block 1 has no runs at all.
  for (const meanBlock of [1, 4, 30]) {
    const resamples = stationaryBootstrap({ rows: 120, reps: 40, meanBlock, seed: "prefix" });
    const prepared = prepareSnooping({ differentials, resamples });
    resamples.forEach((rows, b) => {
      differentials.forEach((d, k) => {
        const direct = rows.reduce((s, t) => s + d[t], 0) / 120;
        assert.equal(prepared.resampledMeans[b][k], direct, `block ${meanBlock}, b ${b}, k ${k}`);
      });
    });
    const input = { differentials, resamples };
    assert.deepEqual(realityCheck(input, prepared), realityCheck(input));
  }
});
