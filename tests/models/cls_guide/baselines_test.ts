import assert from "node:assert/strict";
import { guideFrame } from "../../../models/cls_guide/features.ts";
import { guideWindows } from "../../../models/cls_guide/windows.ts";
import { guideProtocolSchema } from "../../../models/cls_guide/protocol.ts";
import { fitGuideBaselines, GUIDE_BASELINES } from "../../../models/cls_guide/baselines.ts";
import type { DailyBars } from "../../../data/snapshot.ts";

function bars(n: number): DailyBars {
  const dates: string[] = [];
  for (let d = new Date("2020-01-01T00:00:00Z"); dates.length < n;) {
    if (d.getUTCDay() % 6 !== 0) dates.push(d.toISOString().slice(0, 10));
    d = new Date(d.getTime() + 86_400_000);
  }
  const close = Float64Array.from(
    { length: n },
    (_, t) => 100 * Math.exp(0.02 * Math.sin(t / 4) + t / 3000),
  );
  return {
    dates,
    open: close.map((c) => c * 1.001),
    high: close.map((c) => c * 1.01),
    low: close.map((c) => c * 0.99),
    close,
    volume: close.map((_, t) => 1e6 * (1 + 0.2 * Math.cos(t / 7))),
  };
}

Deno.test("guide baselines: one forecast per test window each, the same for the same seed", () => {
  const protocol = guideProtocolSchema.parse({ lookback: 8, testStart: "2020-11-02" });
  const frame = guideFrame(bars(260), protocol);
  const windows = guideWindows(frame, protocol);
  const a = fitGuideBaselines(frame, windows, protocol, { trees: 4, seed: 3 });
  const b = fitGuideBaselines(frame, windows, protocol, { trees: 4, seed: 3 });
  for (const name of GUIDE_BASELINES) {
    assert.equal(a[name].length, windows.test.length, name);
    assert.ok(a[name].every(Number.isFinite), name);
    assert.deepEqual([...a[name]], [...b[name]], name);
  }
  const c = fitGuideBaselines(frame, windows, protocol, { trees: 4, seed: 4 });
  assert.notDeepEqual([...c["random-forest"]], [...a["random-forest"]], "the seed matters");
});
