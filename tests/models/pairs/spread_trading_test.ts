import assert from "node:assert/strict";
import { tradeSpread } from "../../../models/pairs/spread_trading.ts";

// x flat at log 0; y's log price is the spread itself (β = 1 on a constant x).
const spread = [0.01, -0.01, 0.01, -0.01, 0.01, -0.01, -0.2, -0.05, 0.02, 0.02, 0.03];
const x = spread.map(() => 0);
const beta = spread.map(() => 1);

Deno.test("the spread is bought below −2σ, sold at the mean, and each trade pays its cost", () => {
  const run = tradeSpread(spread, x, beta, { from: 5, lookback: 6, entry: 2, cost: 0.001 });
  // Row 6: the −0.2 close is far below its 6-day band → long the spread (enter at close 6).
  assert.deepEqual([...run.position], [0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0]);
  assert.equal(run.trades, 1);
  // Legs at entry: w_y = 1/(1 + |β|) = 0.5, w_x = −0.5 (x's return is zero).
  const ry7 = Math.exp(-0.05 - -0.2) - 1;
  const ry8 = Math.exp(0.02 - -0.05) - 1;
  assert.ok(Math.abs(run.pnl[6] - -0.001) < 1e-15, "entry cost on the entry day");
  assert.ok(Math.abs(run.pnl[7] - 0.5 * ry7) < 1e-12);
  // Row 8: z ≥ 0 at the close → exit, paying the cost on that day.
  assert.ok(Math.abs(run.pnl[8] - (0.5 * ry8 - 0.001)) < 1e-12);
  assert.ok(Math.abs(run.gross[8] - 0.5 * ry8) < 1e-12);
  assert.equal(run.pnl[9], 0);
  assert.ok(Number.isNaN(run.pnl[4]), "no P&L before trading starts");
});

Deno.test("a day's P&L does not change when later prices change", () => {
  const base = tradeSpread(spread, x, beta, { from: 5, lookback: 6, entry: 2, cost: 0.001 });
  const changed = [...spread.slice(0, 8), 0.5, -0.7, 0.9];
  const other = tradeSpread(changed, x, beta, { from: 5, lookback: 6, entry: 2, cost: 0.001 });
  assert.deepEqual([...other.pnl.slice(0, 8)], [...base.pnl.slice(0, 8)]);
  assert.deepEqual([...other.position.slice(0, 8)], [...base.position.slice(0, 8)]);
});

Deno.test("trading before the band exists is refused with a clear error", () => {
  assert.throws(
    () => tradeSpread(spread, x, beta, { from: 2, lookback: 6, entry: 2, cost: 0 }),
    /before the 6-row band exists/,
  );
});
