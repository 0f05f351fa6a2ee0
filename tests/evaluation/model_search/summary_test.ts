import assert from "node:assert/strict";
import type { ChunkResult } from "../../../models/search/chunk.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";
import { summariseSearch } from "../../../evaluation/model_search/summary.ts";
import { excessHistogram } from "../../../evaluation/model_search/histogram.ts";
import { excessPValue, significanceShares } from "../../../evaluation/model_search/significance.ts";

const N = 400;
const rng = new SeededRandom(11);
const RETURNS = Float64Array.from({ length: N }, () => 0.0004 + 0.01 * rng.normal());
const DATES = Array.from(
  { length: N },
  (_, t) => `2020-${String(1 + (t % 12)).padStart(2, "0")}-01`,
);
const ROWS = {
  testReturns: RETURNS,
  testDates: DATES,
  validationBaseRate: 0.53,
  validationSpan: ["2018-01-02", "2019-12-31"] as [string, string],
  trainSpan: ["2000-01-03", "2017-12-29"] as [string, string],
};
const OPTIONS = { reps: 300, meanBlock: 5, seed: 7, costPerTrade: 0, top: 3 };

/** A chunk of coin-flip models, plus (if `oracle`) one that knows 70% of the directions. */
function chunk(models: number, oracle: boolean): ChunkResult {
  const calls = new Uint8Array(models * N);
  const r = new SeededRandom(5);
  for (let m = 0; m < models; m++) {
    for (let t = 0; t < N; t++) {
      const truth = RETURNS[t] > 0 ? 1 : 0;
      calls[m * N + t] = oracle && m === 0 ? (r.next() < 0.7 ? truth : 1 - truth) : r.int(2);
    }
  }
  return {
    kind: "search-chunk",
    chunk: 0,
    specs: Array.from({ length: models }, () => ({
      family: "rule" as const,
      rule: "momentum" as const,
      lookback: 5,
    })),
    names: Array.from({ length: models }, (_, m) => `model ${m}`),
    validationAccuracy: Float64Array.from({ length: models }, (_, m) => 0.5 + m / 1000),
    testCalls: calls,
    testRows: N,
  };
}

Deno.test("model search summary: coin flips do not survive the snooping tests", () => {
  const s = summariseSearch([chunk(60, false)], ROWS, OPTIONS);
  assert.equal(s.models, 60);
  assert(s.snooping.spa.pValues.consistent > 0.05, `SPA p ${s.snooping.spa.pValues.consistent}`);
  assert(s.snooping.realityCheck.pValue > 0.05);
  assert.equal(s.significance.holm, 0);
  assert.match(s.verdict, /none beats always-long significantly/);
  // In-sample pick: the highest validation accuracy (model 59), reported with its test score.
  assert.equal(s.bestInSample[0].name, "model 59");
  assert(Math.abs(s.bestInSample[0].validationExcess - (0.559 - 0.53)) < 1e-12);
  assert.equal(s.histogram.reduce((n, b) => n + b.count, 0), 60);
  for (const pick of [...s.bestInSample, s.bestOutOfSample]) {
    assert(pick.interval.low <= pick.testExcess && pick.testExcess <= pick.interval.high);
  }
});

Deno.test("model search summary: a model with real skill is found among the coin flips", () => {
  const s = summariseSearch([chunk(60, true)], ROWS, OPTIONS);
  assert.equal(s.bestOutOfSample.name, "model 0");
  assert.equal(s.snooping.spaBest, "model 0");
  assert(s.snooping.spa.pValues.consistent < 0.01);
  assert(s.snooping.realityCheck.pValue < 0.01);
  assert(s.significance.holm > 0);
  assert(s.deflatedSharpe !== null && s.deflatedSharpe.strategy === "model 0");
  // About +20 pp of excess: its bootstrap interval lies well above zero.
  assert(s.bestOutOfSample.interval.low > 0.1, `${s.bestOutOfSample.interval.low}`);
  assert.match(s.verdict, /still looks significant/);
});

Deno.test("model search summary: chunks on other test rows are an error naming the chunk", () => {
  const bad = { ...chunk(3, false), chunk: 4, testRows: N - 1 };
  assert.throws(() => summariseSearch([bad], ROWS, OPTIONS), /chunk 4 has 399 test rows/);
});

Deno.test("histogram and per-model p-values by hand", () => {
  assert.deepStrictEqual(excessHistogram([-0.012, 0, 0.004, 0.005], 0.005), [
    { from: -0.015, to: -0.01, count: 1 },
    { from: -0.01, to: -0.005, count: 0 },
    { from: -0.005, to: 0, count: 0 },
    { from: 0, to: 0.005, count: 2 },
    { from: 0.005, to: 0.01, count: 1 },
  ]);
  assert.equal(excessPValue([0, 0, 0]), null);
  // d = (1, 1, 0, 0): mean 0.5, sd 0.5774, z = 2·0.5/0.5774 = 1.732, p = 0.0416.
  assert(Math.abs(excessPValue([1, 1, 0, 0])! - 0.04163) < 1e-4);
  const shares = significanceShares([0.01, 0.02, 0.5, null], 0.05);
  assert.deepStrictEqual(shares, { level: 0.05, raw: 0.5, holm: 0.5, benjaminiHochberg: 0.5 });
  assert.equal(significanceShares([0.02, 0.03, 0.04], 0.05).holm, 0);
});
