import assert from "node:assert/strict";
import { forwardReturn, marketTest } from "../../../evaluation/macro_regime/market.ts";
import {
  WALK_FORWARD_MODELS,
  type WalkForwardRow,
} from "../../../models/macro_regime/walk_forward.ts";

const day = (n: number) => new Date(Date.UTC(2010, 0, 4 + n)).toISOString().slice(0, 10);

function row(o: number, mean: number, horizon = 7): WalkForwardRow {
  const f = { mean, lower: mean - 1, upper: mean + 1 };
  return {
    origin: day(o),
    target: day(o + horizon),
    horizon,
    current: 0,
    actual: 0,
    learnedWeight: 0.7,
    forecasts: Object.fromEntries(WALK_FORWARD_MODELS.map((m) => [m, f])) as never,
  };
}

// Closes on weekdays only: 100 on day 0, then ×1.1 at day 7, ×0.9 at 14, ×1.1 at 21, ….
const dates = Array.from({ length: 60 }, (_, i) => day(i)).filter((_, i) => i % 7 < 5);
const close = dates.map((d) => {
  const week = Math.floor((Date.parse(d) - Date.parse(day(0))) / (7 * 86_400_000));
  return 100 * Array.from({ length: week }, (_, w) => (w % 2 === 0 ? 1.1 : 0.9))
    .reduce((a, b) => a * b, 1);
});

Deno.test("forward return from the last close on or before each date", () => {
  assert.ok(Math.abs(forwardReturn({ dates, close }, day(0), day(7)) - 0.1) < 1e-12);
  // Day 13 is a Sunday: the Friday (day 11) close, still the week-1 level.
  assert.ok(Math.abs(forwardReturn({ dates, close }, day(6), day(13)) - 0.1) < 1e-12);
  assert.throws(() => forwardReturn({ dates, close }, "2009-01-01", day(7)), /none on or before/);
});

Deno.test("a signal long in up weeks only beats always-long; numbers by hand", () => {
  // Weeks alternate +10% / −10%; the signal is long (score > 0) exactly in the up weeks.
  const rows = [0, 7, 14, 21, 28, 35].map((o, w) => row(o, w % 2 === 0 ? 2 : -2));
  const test = marketTest(rows, { dates, close }, { reps: 200, seed: "t", blockLength: 2 });
  assert.equal(test.n, 6);
  assert.equal(test.longShare, 0.5);
  assert.equal(test.direction.signal, 1);
  assert.equal(test.direction.alwaysLong, 0.5);
  assert.ok(Math.abs(test.meanReturn.signal - 0.05) < 1e-12);
  assert.ok(Math.abs(test.meanReturn.alwaysLong - 0) < 1e-12);
  assert.ok(Math.abs(test.excess.mean - 0.05) < 1e-12);
  assert.ok(test.excess.low! > 0, "every window's excess is ≥ 0 and half are +10%");
  assert.ok(test.dmReturn.meanDifference < 0 && test.dmDirection.meanDifference < 0);
});

Deno.test("overlapping windows are refused with what to do", () => {
  assert.throws(
    () => marketTest([row(0, 1), row(3, 1)], { dates, close }),
    /windows overlap .* 3 days apart at horizon 7\); run the walk-forward with step ≥ horizon/,
  );
});
