import assert from "node:assert/strict";
import { metricsBy, scoreMetrics } from "../../../evaluation/macro_regime/metrics.ts";
import { replayLedger } from "../../../evaluation/macro_regime/ledger.ts";
import {
  WALK_FORWARD_MODELS,
  type WalkForwardRow,
} from "../../../models/macro_regime/walk_forward.ts";

const day = (n: number) => new Date(Date.UTC(2008, 0, 1 + n)).toISOString().slice(0, 10);

function row(o: number, current: number, actual: number, mean: number, half = 1): WalkForwardRow {
  const f = { mean, lower: mean - half, upper: mean + half };
  const forecasts = Object.fromEntries(WALK_FORWARD_MODELS.map((m) => [m, f]));
  return {
    origin: day(o),
    target: day(o + 7),
    horizon: 7,
    current,
    actual,
    learnedWeight: 0.7,
    forecasts: {
      ...forecasts,
      "no-change": { mean: current, lower: null, upper: null },
    } as WalkForwardRow["forecasts"],
  };
}

Deno.test("MAE, RMSE, bias, direction, coverage and width by hand", () => {
  // Errors +0.2, −1, +2; directions: flat=flat ✓, up vs up ✓, flat vs down ✗.
  const rows = [row(0, 0, 0, 0.2), row(7, 0, 2, 1), row(14, 0, -2, 0)];
  const m = scoreMetrics(rows, "ensemble")!;
  assert.ok(Math.abs(m.mae - 3.2 / 3) < 1e-12);
  assert.ok(Math.abs(m.rmse - Math.sqrt((0.04 + 1 + 4) / 3)) < 1e-12);
  assert.ok(Math.abs(m.bias - 1.2 / 3) < 1e-12);
  assert.equal(m.direction, 2 / 3);
  assert.equal(m.directionOnMoves, 1 / 2);
  assert.ok(Math.abs(m.flatShare - 1 / 3) < 1e-12);
  assert.equal(m.coverage, 2 / 3, "2 lies on the upper bound of 1 ± 1: covered; −2 is not");
  assert.equal(m.width, 2);
  const naive = scoreMetrics(rows, "no-change")!;
  assert.equal(naive.coverage, null);
  assert.equal(naive.direction, 1 / 3, "always flat: right only when the score did not move");
  assert.equal(scoreMetrics([], "ensemble"), null);
});

Deno.test("metrics by regime band of the origin's score and by era of the origin", () => {
  const rows = [row(0, -4, -4, -4), row(7, 0, 1, 0), row(1500, 4, 4, 3)];
  assert.deepEqual(metricsBy(rows, "ensemble", "band").map((g) => [g.group, g.metrics.n]), [
    ["deep bear (< −3)", 1],
    ["neutral (−1 … +1)", 1],
    ["bull (≥ +3)", 1],
  ]);
  assert.deepEqual(metricsBy(rows, "ensemble", "era").map((g) => [g.group, g.metrics.n]), [
    ["GFC", 2],
    ["QE", 1],
  ]);
});

Deno.test("the calibration ledger replays day by day and extends without rewriting", () => {
  const days = Array.from({ length: 60 }, (_, i) => day(i));
  const score = days.map((_, i) => i % 5);
  const rows = [0, 7, 14, 21, 28, 35, 42].map((o) => row(o, score[o], score[o + 7], score[o]));
  const full = replayLedger(days, score, rows);
  assert.equal(full.ledger.length, 7);
  full.ledger.forEach((e, i) => assert.equal(e.actual, score[7 * i + 7]));
  // Up to day 30: the entries resolved by then are already final, the rest pending.
  const partial = replayLedger(days.slice(0, 31), score.slice(0, 31), rows.slice(0, 5));
  assert.deepEqual(partial.ledger.slice(0, 4), full.ledger.slice(0, 4));
  assert.equal(partial.ledger[4].actual, null);
  assert.throws(() => replayLedger(days, score, rows, "no-change"), /no-change has no interval/);
});
