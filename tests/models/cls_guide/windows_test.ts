import assert from "node:assert/strict";
import { guideFrame, simpleMeanRsi } from "../../../models/cls_guide/features.ts";
import { guideWindows, windowTensors } from "../../../models/cls_guide/windows.ts";
import { guideProtocolSchema } from "../../../models/cls_guide/protocol.ts";
import type { DailyBars } from "../../../data/snapshot.ts";

function bars(n: number): DailyBars {
  const dates: string[] = [];
  for (let d = new Date("2020-01-01T00:00:00Z"); dates.length < n;) {
    if (d.getUTCDay() % 6 !== 0) dates.push(d.toISOString().slice(0, 10));
    d = new Date(d.getTime() + 86_400_000);
  }
  const close = Float64Array.from(
    { length: n },
    (_, t) => 100 * Math.exp(0.01 * Math.sin(t / 3) + t / 2000),
  );
  return {
    dates,
    open: close.map((c, t) => c * (1 + 0.002 * Math.cos(t))),
    high: close.map((c) => c * 1.01),
    low: close.map((c) => c * 0.99),
    close,
    volume: close.map((_, t) => 1e6 * (1 + 0.3 * Math.sin(t / 5))),
  };
}

const protocol = (overrides: Record<string, unknown> = {}) =>
  guideProtocolSchema.parse({ lookback: 10, testStart: "2020-09-01", ...overrides });

Deno.test("simple-mean RSI by hand: 100 − 100 / (1 + mean gain / mean loss)", () => {
  const close = Float64Array.from([10, 11, 10.5, 11.5, 11]);
  const rsi = simpleMeanRsi(close, 2);
  // Row 2: gains (1, 0), losses (0, 0.5) → RS = 0.5 / 0.25 = 2 → 66.67.
  assert.ok(Math.abs(rsi[2] - (100 - 100 / 3)) < 1e-12);
  assert.ok(Number.isNaN(rsi[1]));
});

Deno.test("frame: raw levels or relative inputs, ten columns, warm-up rows dropped", () => {
  const b = bars(300);
  const raw = guideFrame(b, protocol({ priceInputs: "raw-levels" }));
  const rel = guideFrame(b, protocol());
  assert.equal(raw.columns.length, 10);
  assert.deepEqual(raw.columns.slice(0, 5), ["open", "high", "low", "close", "volume"]);
  assert.equal(rel.columns[0], "open_rel");
  assert.equal(raw.dates[0], b.dates[20], "the 20-day volatility needs 21 closes");
  assert.equal(raw.values[3], b.close[20]);
});

Deno.test("target window: skip-day trades the day after the window, next-day its last day", () => {
  const frame = guideFrame(bars(300), protocol());
  const next = guideWindows(frame, protocol());
  const skip = guideWindows(frame, protocol({ targetWindow: "skip-day" }));
  assert.equal(next.decision(0), 9);
  assert.equal(skip.decision(0), 10);
  const { targets } = windowTensors(frame, skip, [0], 10);
  assert.equal(targets[0], frame.close[11] / frame.close[10] - 1);
});

Deno.test("split: 80/20 of windows by count, or by date with no target past the first test day", () => {
  const frame = guideFrame(bars(300), protocol());
  const byCount = guideWindows(frame, protocol({ split: "fraction", stopOn: "test" }));
  const n = byCount.fit.length + byCount.test.length;
  assert.equal(byCount.fit.length, Math.floor(n * 0.8));
  assert.deepEqual(byCount.checkpoint, byCount.test, "the guide checkpoints on the test windows");
  const byDate = guideWindows(frame, protocol());
  const firstTest = byDate.decision(byDate.test[0]);
  assert.ok(frame.dates[firstTest] >= "2020-09-01");
  for (const i of [...byDate.fit, ...byDate.checkpoint]) {
    assert.ok(byDate.decision(i) + 1 <= firstTest);
  }
  assert.ok(byDate.checkpoint.every((i) => i > byDate.fit.at(-1)!), "validation is the latest");
  assert.equal(byDate.test.filter((i) => byDate.checkpoint.includes(i)).length, 0);
});

Deno.test("scaler: training rows ignore test-day prices; the whole-dataset scaler reads them", () => {
  const b = bars(300);
  const changed = { ...b, close: b.close.map((c, t) => (t > 220 ? c * 1.5 : c)) };
  const scaled = (bb: DailyBars, scaler: string) => {
    const p = protocol({ priceInputs: "raw-levels", scaler });
    const frame = guideFrame(bb, p);
    const w = guideWindows(frame, p);
    return { rows: w.scalerRows, first: w.scaled.slice(0, 10 * frame.columns.length) };
  };
  const fair = [scaled(b, "training-rows"), scaled(changed, "training-rows")];
  assert.ok(fair[0].rows < 200);
  assert.deepEqual(fair[1].first, fair[0].first);
  const leaky = [scaled(b, "whole-dataset"), scaled(changed, "whole-dataset")];
  assert.notDeepEqual(leaky[1].first, leaky[0].first);
});
