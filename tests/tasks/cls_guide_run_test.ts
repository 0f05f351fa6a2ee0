/**
 * Claim 5's run task end to end on synthetic SPY bars with a tiny CLS Transformer: the guide's
 * protocol as published checkpoints on the test windows and reads every row for its scaler;
 * the leak-free one does neither; both score the same forecasts beside the constant forecast.
 */
import assert from "node:assert/strict";
import { initBackend } from "../../models/tf/backend.ts";
import { clsGuideRun, clsGuideRunParams } from "../../tasks/claims/cls_guide_run.ts";
import { AS_PUBLISHED } from "../../models/cls_guide/protocol.ts";
import type { PriceSeries } from "../../data/snapshot.ts";
import { recordingContext } from "./task_context.ts";

await initBackend("wasm");

function spy(n: number): PriceSeries {
  const dates: string[] = [];
  for (let d = new Date("2020-01-01T00:00:00Z"); dates.length < n;) {
    if (d.getUTCDay() % 6 !== 0) dates.push(d.toISOString().slice(0, 10));
    d = new Date(d.getTime() + 86_400_000);
  }
  const close = Float64Array.from(
    { length: n },
    (_, t) => 300 * Math.exp(0.03 * Math.sin(t / 5) + t / 2500),
  );
  return {
    kind: "prices",
    symbol: "SPY",
    dates,
    open: close.map((c) => c * 0.999),
    high: close.map((c) => c * 1.005),
    low: close.map((c) => c * 0.995),
    close,
    volume: close.map((_, t) => 5e7 * (1 + 0.3 * Math.sin(t / 9))),
    source: { provider: "mirror", location: "etf/SPY.csv", sha256: "" },
    fetchedAt: null,
    warnings: [],
  };
}

const tiny = {
  dModel: 8,
  heads: 2,
  layers: 1,
  feedForward: 8,
  headUnits: 4,
  training: { epochs: 2, batchSize: 32 },
};

async function run(protocol: Record<string, unknown>) {
  const params = clsGuideRunParams.parse({
    protocol: { lookback: 10, testStart: "2020-10-01", ...protocol },
    model: tiny,
  });
  const ctx = { ...recordingContext("cls-run"), backend: "wasm" };
  return await clsGuideRun.run({ prices: spy(260) }, params, ctx);
}

Deno.test("cls-guide run task: as published and leak-free, scored beside the constant", async () => {
  const published = await run(AS_PUBLISHED);
  const fair = await run({});
  assert.equal(published.departures.length, 8);
  assert.deepEqual(fair.departures, []);
  assert.equal(published.fit.scalerRows, 240, "the whole-dataset scaler reads every frame row");
  assert.ok(fair.fit.scalerRows < 200);
  for (const r of [published, fair]) {
    const n = r.scores.actual.length;
    assert.equal(r.scores.transformer.daily.length, n);
    assert.equal(r.scores.constant.daily.length, n);
    assert.ok(Number.isFinite(r.scores.transformer.mse));
    assert.ok(r.fit.epochs >= 1 && r.fit.epochs <= 2);
  }
  // 80/20 of the windows: 240 rows − 11 (skipped-day target) = 229 windows → 183 / 46.
  assert.equal(published.fit.trainWindows, 183);
  assert.equal(published.scores.actual.length, 46);
});
