import assert from "node:assert/strict";
import {
  accuracy,
  baseRate,
  directionalDifferentials,
  longFlatReturns,
  sharpe,
} from "../../../models/search/score.ts";

const RETURNS = Float64Array.of(0.01, -0.02, 0.0, 0.03, -0.01);
const CALLS = Uint8Array.of(1, 0, 1, 0, 0);

Deno.test("search scores: accuracy, base rate and differentials by hand", () => {
  // Up days: rows 0 and 3; calls right on rows 0, 1, 4.
  assert.equal(accuracy(CALLS, RETURNS), 3 / 5);
  assert.equal(baseRate(RETURNS), 2 / 5);
  const d = directionalDifferentials(CALLS, RETURNS);
  assert.deepStrictEqual(Array.from(d), [0, 1, 0, -1, 1]);
  const mean = d.reduce((s, v) => s + v, 0) / d.length;
  assert(Math.abs(mean - (accuracy(CALLS, RETURNS) - baseRate(RETURNS))) < 1e-15);
});

Deno.test("search scores: long/flat returns pay the cost on each position change", () => {
  const r = longFlatReturns(CALLS, RETURNS, 0.001);
  const want = [0.01 - 0.001, -0.001, 0.0 - 0.001, -0.001, 0];
  want.forEach((w, t) => assert(Math.abs(r[t] - w) < 1e-15, `row ${t}: ${r[t]}`));
  assert.equal(sharpe(new Float64Array(5)), null);
  assert(Math.abs(sharpe(Float64Array.of(1, 3))! - 2) < 1e-15);
});
