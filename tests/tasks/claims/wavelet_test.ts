import assert from "node:assert/strict";
import { waveletFrame, waveletFrameParams } from "../../../tasks/claims/wavelet_frame.ts";
import { waveletFold, waveletFoldParams } from "../../../tasks/claims/wavelet_fold.ts";
import { encodeFold, saeParams } from "../../../tasks/claims/sae_encode.ts";
import { causalDenoise, denoise } from "../../../data/features/wavelet.ts";
import type { PriceSeries } from "../../../data/snapshot.ts";
import { syntheticPrices } from "./synthetic_prices.ts";

const prices = syntheticPrices(1700, 11, "2015-01-02");
const frameParams = (leaky: boolean) =>
  waveletFrameParams.parse({ from: "2015-03-01", asPublished: { wholeSeriesDenoising: leaky } });
const foldParams = (leaky: boolean) =>
  waveletFoldParams.parse({
    step: 0,
    firstTest: "2019-01-01",
    trainMonths: 12,
    asPublished: { wholeSeriesScaler: leaky },
  });
const foldOf = (series: PriceSeries, leaky: boolean) =>
  waveletFold(waveletFrame(series, frameParams(leaky), "wav-features"), foldParams(leaky), "fold");

/** The same prices with every bar after `date` moved (a different future). */
function perturbedAfter(series: PriceSeries, date: string): PriceSeries {
  const scale = (values: Float64Array) =>
    values.map((v, t) => (series.dates[t] > date ? v * (1.3 + 0.01 * (t % 7)) : v));
  return {
    ...series,
    open: scale(series.open),
    high: scale(series.high),
    low: scale(series.low),
    close: scale(series.close),
    volume: scale(series.volume),
  };
}

Deno.test("leak-free: a fold's inputs do not move when the data after the fold's end changes", () => {
  const fold = foldOf(prices, false);
  assert.deepEqual(fold.departures, []);
  const end = fold.dates.at(-1)!;
  const again = foldOf(perturbedAfter(prices, end), false);
  assert.deepEqual(again.dates, fold.dates);
  assert.deepEqual(again.past.values, fold.past.values);
  assert.deepEqual(again.scaler, fold.scaler);
  assert.deepEqual(again.target, fold.target);
  // … and neither do the autoencoder's codes fitted on it.
  const sae = saeParams.parse({ epochs: 20 });
  assert.deepEqual(encodeFold(again, sae, 3).past.values, encodeFold(fold, sae, 3).past.values);
});

Deno.test("as published: the same change after the fold's end moves its inputs (the leak)", () => {
  const fold = foldOf(prices, true);
  assert.deepEqual(fold.departures, [
    "wavelet thresholds and denoising fitted on the whole series (every input sees later prices)",
    "scaler fitted on the whole series, test years included",
  ]);
  const again = foldOf(perturbedAfter(prices, fold.dates.at(-1)!), true);
  assert.notDeepEqual(again.past.values, fold.past.values);
  assert.notDeepEqual(again.scaler.mean, fold.scaler.mean);
});

Deno.test("each leak on its own: whole-series denoising alone and the whole-series scaler alone", () => {
  const end = foldOf(prices, false).dates.at(-1)!;
  const moved = perturbedAfter(prices, end);
  const denoisedOnly = (series: PriceSeries) =>
    waveletFold(waveletFrame(series, frameParams(true), "f"), foldParams(false), "fold");
  assert.notDeepEqual(denoisedOnly(moved).past.values, denoisedOnly(prices).past.values);
  const scaledOnly = (series: PriceSeries) =>
    waveletFold(waveletFrame(series, frameParams(false), "f"), foldParams(true), "fold");
  assert.notDeepEqual(scaledOnly(moved).scaler.mean, scaledOnly(prices).scaler.mean);
});

Deno.test("the study's two-pass causal denoising never changes a past output; whole-series does", () => {
  const close = Array.from(prices.close.subarray(0, 300));
  const longer = [...close, ...Array.from({ length: 40 }, (_, i) => close[299] * (1 + 0.05 * i))];
  const options = { levels: 2, passes: 2 };
  assert.deepEqual(
    Array.from(causalDenoise(longer, options).subarray(0, 300)),
    Array.from(causalDenoise(close, options)),
  );
  const whole = denoise(close, options);
  const wholeLonger = denoise(longer, options);
  assert.ok(whole.some((v, i) => v !== wholeLonger[i]), "whole-series denoising saw the future");
});

Deno.test("the rolling windows move forward by the test length and keep their sizes", () => {
  const frame = waveletFrame(prices, frameParams(false), "f");
  const fold = (step: number) => waveletFold(frame, { ...foldParams(false), step }, "fold");
  const [a, b] = [fold(0), fold(1)];
  const firstTest = (f: typeof a) => f.dates[f.splits.test[0] + 1];
  assert.ok(firstTest(a) >= "2019-01-01" && firstTest(a) < "2019-01-08", firstTest(a));
  assert.ok(firstTest(b) >= "2019-04-01" && firstTest(b) < "2019-04-08", firstTest(b));
  assert.ok(Math.abs(a.splits.train.length - b.splits.train.length) < 10);
  assert.ok(a.splits.validation.length > 50 && a.splits.validation.length < 70);
  assert.equal(a.past.cols, 13);
});
