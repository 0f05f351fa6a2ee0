import assert from "node:assert/strict";
import {
  calibrationAlerts,
  extendLedger,
  type LedgerEntry,
  rollingCalibration,
} from "../../evaluation/calibration_tracker.ts";

const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
const forecast = (origin: number, mean: number) => ({
  origin: day(origin),
  target: day(origin + 7),
  horizon: 7,
  mean,
  lower: mean - 1,
  upper: mean + 1,
});

Deno.test("the ledger extends incrementally: resolved entries are kept as they were", () => {
  let ledger: LedgerEntry[] = [];
  ledger = extendLedger(ledger, { date: day(0), value: 0 }, [forecast(0, 0.5)]);
  ledger = extendLedger(ledger, { date: day(1), value: 0.2 }, [forecast(1, 0.4)]);
  assert.deepEqual(ledger.map((e) => e.actual), [null, null]);
  const atTarget = extendLedger(ledger, { date: day(7), value: 1.2 });
  assert.deepEqual(atTarget.map((e) => e.actual), [1.2, null]);
  const next = extendLedger(atTarget, { date: day(8), value: 3 });
  assert.equal(next[0], atTarget[0], "the resolved entry is the same object: never recomputed");
  assert.deepEqual(next.map((e) => e.actual), [1.2, 3]);
  assert.throws(
    () => extendLedger(next, { date: day(9), value: 0 }, [forecast(0, 1)]),
    /append-only: a forecast from 2024-01-01 comes after one from 2024-01-02/,
  );
  assert.throws(
    () => extendLedger(next, { date: day(9), value: 0 }, [forecast(10, 1)]),
    /cannot be made with data up to/,
  );
});

Deno.test("rolling MAE and coverage by hand; alerts on a 20% MAE rise and on coverage", () => {
  // 40 resolved 7-day forecasts: errors 0.1 for the first 20, then 0.5 (inside the ±1 band),
  // then 5 misses of 2.0 outside the band.
  const entries: LedgerEntry[] = Array.from({ length: 45 }, (_, i) => ({
    ...forecast(i, 0),
    actual: i < 20 ? 0.1 : i < 40 ? 0.5 : 2,
  }));
  const points = rollingCalibration(entries, 7, 20);
  assert.equal(points.length, 26);
  assert.ok(Math.abs(points[0].mae - 0.1) < 1e-12 && points[0].coverage === 1);
  assert.ok(Math.abs(points[20].mae - 0.5) < 1e-12);
  assert.ok(Math.abs(points[25].coverage - 15 / 20) < 1e-12);
  const alerts = calibrationAlerts(entries, 7);
  assert.ok(alerts.some((a) => a.date === points[20].date && /400% above/.test(a.reason)));
  assert.ok(alerts.some((a) => /coverage 75% is outside 85–98%/.test(a.reason)));
  // Full coverage is also outside the band's top (98%): too wide an interval is flagged.
  assert.ok(alerts.some((a) => a.date === points[0].date && /coverage 100%/.test(a.reason)));
});
