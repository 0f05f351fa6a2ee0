import assert from "node:assert/strict";
import { periodsPerYear, runBacktest, strategyPositions } from "../../evaluation/backtest.ts";
import { FUTURES_FEE_PER_TRADE } from "../../evaluation/settings.ts";

// A hand-checked toy series: forecasts made at each close for the next bar's return.
const point = [0.01, 0.02, -0.01, -0.03, 0.005, 0.02];
const actual = [0.02, -0.01, -0.02, 0.01, 0.03, -0.01];
const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) < 1e-12, `${what}: got ${a}, expected ${b}`);

Deno.test("positions: long/flat, long/short and a signal threshold", () => {
  assert.deepEqual([...strategyPositions(point, "long-flat", 0)], [1, 1, 0, 0, 1, 1]);
  assert.deepEqual([...strategyPositions(point, "long-short", 0)], [1, 1, -1, -1, 1, 1]);
  // Threshold 0.015: only 0.02 is long; only −0.03 is short; the rest flat.
  assert.deepEqual([...strategyPositions(point, "long-short", 0.015)], [0, 1, 0, -1, 0, 1]);
  assert.deepEqual([...strategyPositions(point, "long-flat", 0.015)], [0, 1, 0, 0, 0, 1]);
  assert.deepEqual([...strategyPositions([0, -1], "long-short", 0)], [-1, -1], "0 is a down call");
  assert.deepEqual([...strategyPositions(point, "buy-and-hold", 0.5)], [1, 1, 1, 1, 1, 1]);
});

Deno.test("long/flat with 0.1% per trade, by hand", () => {
  const positions = strategyPositions(point, "long-flat", 0);
  const run = runBacktest({
    strategy: "long-flat",
    actual,
    positions,
    costPerTrade: 0.001,
    periodsPerYear: 52,
  });
  // Enter (cost), hold, exit (cost), flat, enter (cost), hold.
  const expected = [0.02 - 0.001, -0.01, -0.001, 0, 0.03 - 0.001, -0.01];
  expected.forEach((r, t) => close(run.returns[t], r, `net return ${t}`));
  const equity = expected.reduce((acc: number[], r) => [...acc, (acc.at(-1) ?? 1) * (1 + r)], []);
  equity.forEach((e, t) => close(run.equity[t], e, `equity ${t}`));
  const s = run.summary;
  assert.equal(s.trades, 3);
  assert.equal(s.turnover, 3);
  close(s.totalReturn!, equity[5] - 1, "total return");
  close(s.exposure!, 4 / 6, "exposure");
  // Peak 1.019 after bar 0; trough 1.019·0.99·0.999 after bar 2.
  close(s.maxDrawdown!, 1 - 0.99 * 0.999, "max drawdown");
  const m = expected.reduce((a, b) => a + b) / 6;
  const sd = Math.sqrt(expected.reduce((a, r) => a + (r - m) ** 2, 0) / 5);
  close(s.sharpe!, (m / sd) * Math.sqrt(52), "Sharpe (√52)");
  close(s.annualVolatility!, sd * Math.sqrt(52), "annual volatility");
  close(s.annualReturn!, equity[5] ** (52 / 6) - 1, "annual return");
  close(s.annualTurnover!, 3 * 52 / 6, "annual turnover");
});

Deno.test("long/short flips cost two units; daily Sharpe scales with √252", () => {
  const positions = strategyPositions(point, "long-short", 0);
  const weekly = runBacktest({
    strategy: "long-short",
    actual,
    positions,
    costPerTrade: 0.001,
    periodsPerYear: 52,
  });
  const expected = [0.02 - 0.001, -0.01, 0.02 - 0.002, -0.01, 0.03 - 0.002, -0.01];
  expected.forEach((r, t) => close(weekly.returns[t], r, `net return ${t}`));
  assert.equal(weekly.summary.trades, 3);
  assert.equal(weekly.summary.turnover, 5);
  const daily = runBacktest({
    strategy: "long-short",
    actual,
    positions,
    costPerTrade: 0.001,
    periodsPerYear: 252,
  });
  close(
    daily.summary.sharpe! / weekly.summary.sharpe!,
    Math.sqrt(252 / 52),
    "Sharpe ratio of scalings",
  );
  assert.equal(periodsPerYear("weekly"), 52);
  assert.equal(periodsPerYear("daily"), 252);
});

Deno.test("buy-and-hold pays one entry; the futures fee and zero cost", () => {
  const positions = strategyPositions(point, "buy-and-hold", 0);
  const run = runBacktest({
    strategy: "buy-and-hold",
    actual,
    positions,
    costPerTrade: FUTURES_FEE_PER_TRADE,
    periodsPerYear: 52,
  });
  close(run.returns[0], 0.02 - 0.000023, "entry with the futures fee");
  assert.equal(run.summary.trades, 1);
  const free = runBacktest({
    strategy: "buy-and-hold",
    actual,
    positions,
    costPerTrade: 0,
    periodsPerYear: 52,
  });
  close(
    free.summary.totalReturn!,
    actual.reduce((e, r) => e * (1 + r), 1) - 1,
    "compounded return",
  );
  // Never below the start until bar 1: drawdown from the 1.02 peak, 1 − (0.99·0.98).
  close(free.summary.maxDrawdown!, 1 - 0.99 * 0.98, "drawdown");
  assert.throws(
    () =>
      runBacktest({
        strategy: "long-flat",
        actual,
        positions: new Int8Array(2),
        costPerTrade: 0,
        periodsPerYear: 52,
      }),
    /2 positions for 6 returns/,
  );
});

Deno.test("a flat strategy has no Sharpe and no drawdown", () => {
  const run = runBacktest({
    strategy: "long-flat",
    actual,
    positions: new Int8Array(6),
    costPerTrade: 0.001,
    periodsPerYear: 52,
  });
  assert.equal(run.summary.sharpe, null);
  assert.equal(run.summary.maxDrawdown, 0);
  assert.equal(run.summary.totalReturn, 0);
  assert.equal(run.summary.trades, 0);
});
