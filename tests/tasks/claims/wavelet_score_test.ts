import assert from "node:assert/strict";
import {
  closeMape,
  scoreWavelet,
  type WaveletScores,
} from "../../../tasks/claims/wavelet_score.ts";
import { waveletClaim } from "../../../tasks/claims/wavelet_claim.ts";
import type { Gathered } from "../../../engine/task.ts";
import type { TrainResult } from "../../../models/contract.ts";
import type { ClaimFold } from "../../../tasks/claims/wavelet_fold.ts";
import type { ClaimFrame } from "../../../tasks/claims/wavelet_frame.ts";
import { recordingContext } from "../task_context.ts";
import { SeededRandom } from "../../../models/tf/rng.ts";

const rng = new SeededRandom(2);
const windows = [0, 1, 2].map((k) => {
  const dates = Array.from({ length: 60 }, (_, i) => `202${k}-01-${String(i).padStart(3, "0")}`);
  const actual = Float32Array.from(dates, () => 0.0004 + 0.01 * rng.normal());
  return { dates, actual };
});
const fits = (point: (r: number) => number): Gathered<TrainResult> =>
  windows.map((w, k) => ({
    id: `fit[step=${k}]`,
    coords: { step: String(k) },
    value: {
      test: { horizon: 1, dates: w.dates, actual: w.actual, point: w.actual.map(point) },
    } as unknown as TrainResult,
  }));
const folds = (departures: string[]): Gathered<ClaimFold> =>
  windows.map((_, k) => ({
    id: `sae[step=${k}]`,
    coords: { step: String(k) },
    value: { departures } as unknown as ClaimFold,
  }));

const days = ["2019-12-31", ...windows.flatMap((w) => w.dates)];
const realised = [0, ...windows.flatMap((w) => Array.from(w.actual))];
/** A frame whose denoised close, at each day before a forecast day, is close + `shift(next return)`. */
const frame = (shift: (r: number) => number, departures: string[]): ClaimFrame =>
  ({
    kind: "feature-frame",
    dates: days,
    close: new Float64Array(days.length).fill(100),
    past: {
      names: ["open", "close"],
      columns: [
        new Float64Array(days.length),
        Float64Array.from(days, (_, t) => 100 + shift(realised[t + 1] ?? 0)),
      ],
    },
    departures,
  }) as unknown as ClaimFrame;

Deno.test("close MAPE: hand-computed, and the naive forecast's error is |r| / (1 + r)", () => {
  assert.ok(
    Math.abs(closeMape([0.01, 0], [0.02, -0.01]) - (0.01 / 1.02 + 0.01 / 0.99) / 2) < 1e-15,
  );
  assert.equal(closeMape([0.05], [0.05]), 0);
});

Deno.test("scores pool every window, carry the as-published leaks and refuse a leaky leak-free run", async () => {
  const leaks = ["whole-series denoising"];
  const inputs = {
    asPublished: fits((r) => r), // a forecast that knows the future: every call right
    leakFree: fits(() => rng.normal()),
    trees: fits(() => 1),
    asPublishedFolds: folds(leaks),
    leakFreeFolds: folds([]),
    asPublishedFeatures: frame((r) => r, leaks), // today's denoised close knows tomorrow's move
    leakFreeFeatures: frame(() => 0, []),
  };
  const ctx = recordingContext("wav-scores");
  const scores = await scoreWavelet.run(inputs, { costPerTrade: 0.0005 }, ctx) as WaveletScores;
  assert.equal(scores.windows, 3);
  assert.equal(scores.leakFree.accuracy.rows, 180);
  assert.equal(scores.asPublished.accuracy.value, 1);
  assert.deepEqual(scores.asPublished.accuracy.departures, leaks);
  assert.equal(scores.asPublished.mape, 0);
  // Always-up trees and always-long agree call for call.
  assert.equal(scores.trees.accuracy.value, scores.alwaysLong.accuracy.value);
  assert.equal(scores.probe.asPublished.value, 1);
  assert.deepEqual(scores.probe.asPublished.departures, leaks);
  // Denoised = close everywhere: the probe calls "down" every day.
  assert.ok(Math.abs(scores.probe.leakFree.value - (1 - scores.alwaysLong.accuracy.value)) < 1e-12);
  const claim = waveletClaim(scores);
  assert.equal(claim.baseline.estimate.rows, claim.leakFree!.rows);
  assert.match(claim.verdict, /As published .* calls 100\.0% of directions/);
  await assert.rejects(
    async () =>
      await scoreWavelet.run({ ...inputs, leakFreeFolds: folds(leaks) }, { costPerTrade: 0 }, ctx),
    /the leak-free folds carry leaks \(whole-series denoising\)/,
  );
  const short = { ...inputs, trees: fits(() => 1).slice(0, 2) };
  await assert.rejects(
    async () => await scoreWavelet.run(short, { costPerTrade: 0 }, ctx),
    /"trees" scores other days than "leakFree"/,
  );
});
