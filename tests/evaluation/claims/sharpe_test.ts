import assert from "node:assert/strict";
import { annualSharpe, sharpeWithInterval } from "../../../evaluation/claims/sharpe.ts";

const returns = [0.01, -0.005, 0.002, 0.007, -0.003, 0.004, -0.001, 0.006];

Deno.test("annual Sharpe by hand: (mean·P − r_f) / (sd·√P)", () => {
  const n = returns.length;
  const mean = returns.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(returns.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const plain = annualSharpe(returns, { periodsPerYear: 252, riskFree: 0 });
  assert.ok(Math.abs(plain - (mean * 252) / (sd * Math.sqrt(252))) < 1e-12);
  const withRate = annualSharpe(returns, { periodsPerYear: 252, riskFree: 0.02 });
  assert.ok(Math.abs(withRate - (mean * 252 - 0.02) / (sd * Math.sqrt(252))) < 1e-12);
  assert.equal(annualSharpe([0.001, 0.001, 0.001], { periodsPerYear: 252, riskFree: 0 }), 0);
});

Deno.test("the bootstrap interval holds the estimate, narrows with more data, repeats per seed", () => {
  const long = Array.from({ length: 2000 }, (_, t) => 0.0004 + 0.01 * Math.sin(t * 1.7));
  const options = { periodsPerYear: 252, riskFree: 0, reps: 300, meanBlock: 5, level: 0.95 };
  const a = sharpeWithInterval(long, { ...options, seed: "a" });
  const again = sharpeWithInterval(long, { ...options, seed: "a" });
  const short = sharpeWithInterval(long.slice(0, 200), { ...options, seed: "a" });
  assert.deepEqual(a, again);
  assert.ok(a.low <= a.sharpe && a.sharpe <= a.high);
  assert.ok(a.high - a.low < short.high - short.low);
  assert.equal(a.rows, 2000);
  assert.ok(Math.abs(a.annualReturn - 252 * long.reduce((s, v) => s + v, 0) / 2000) < 1e-12);
  assert.throws(() => sharpeWithInterval([0.01, NaN], { ...options, seed: "a" }), /finite/);
});
