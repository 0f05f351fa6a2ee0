import assert from "node:assert/strict";
import { guideBacktest, guideSharpe } from "../../../models/cls_guide/backtest.ts";

Deno.test("guide backtest by hand: buy above the threshold at today's close, sell at or below", () => {
  const prices = [100, 110, 99, 99, 120];
  const bt = guideBacktest([0.01, 0.01, 0, 0.02], prices, { threshold: 0.001, cost: 0.001 });
  const shares = 1 / (100 * 1.001);
  const v0 = shares * 110;
  const v1 = shares * 99;
  const v2 = shares * 99 * 0.999; // sold at 99 on day 2, flat into day 3
  const v3 = (v2 / (99 * 1.001)) * 120; // bought again at 99
  const expected = [v0 - 1, v1 / v0 - 1, v2 / v1 - 1, v3 / v2 - 1];
  bt.daily.forEach((r, i) => assert.ok(Math.abs(r - expected[i]) < 1e-12, `day ${i}`));
  assert.equal(bt.trades, 3);
  assert.ok(Math.abs(bt.totalReturn - (v3 - 1)) < 1e-12);
  assert.ok(Math.abs(bt.annualReturn - ((1 + bt.totalReturn) ** (252 / 4) - 1)) < 1e-9);
});

Deno.test("guide Sharpe: (compounded annual − 2%) / population std of [0, r2 … rn]·√252", () => {
  const daily = [0.01, -0.004, 0.003, 0.006, -0.002];
  const n = daily.length;
  const growth = daily.reduce((g, r) => g * (1 + r), 1);
  const annual = growth ** (252 / n) - 1;
  const series = [0, ...daily.slice(1)];
  const mean = series.reduce((s, v) => s + v, 0) / n;
  const std = Math.sqrt(series.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
  const expected = (annual - 0.02) / (std * Math.sqrt(252));
  assert.ok(Math.abs(guideSharpe(daily, "excess-of-2pct") - expected) < 1e-9);
  const m = daily.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(daily.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1));
  assert.ok(Math.abs(guideSharpe(daily, "plain") - (m * 252) / (sd * Math.sqrt(252))) < 1e-9);
  assert.equal(guideSharpe([0, 0, 0], "plain"), 0, "a strategy that never trades");
});

Deno.test("a forecast that never crosses the threshold never trades", () => {
  const bt = guideBacktest([0.0004, 0.0004, 0.0004], [1, 2, 3, 4], { threshold: 0.001, cost: 0 });
  assert.equal(bt.trades, 0);
  assert.deepEqual([...bt.daily], [0, 0, 0]);
});
