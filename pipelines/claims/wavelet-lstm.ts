/**
 * Claims audit, claim 1: the wavelet-denoised stacked-autoencoder LSTM (Bao, Yue & Rao 2017:
 * 90–95% next-day accuracy on indices). The study's daily inputs are Haar-denoised twice, a
 * stacked autoencoder (4 layers × 10 units, trained layer by layer on each window's training
 * rows) encodes them, and an LSTM on the codes forecasts the next day; rolling windows train
 * on 24 months, validate on 3 and test the next 3, moving forward 3 months a step.
 *
 * Run twice on the same windows: as published (denoising and scaler fitted on the whole
 * series: `asPublished` options, flagged as leaks) and leak-free (causal, expanding-window
 * denoising and training-window scalers). Gradient-boosted trees on the leak-free codes,
 * always-long and the naive no-change forecast are scored on the same days.
 *
 * Default: 8 windows, 2023–2024, minutes cold on two cores; widen with e.g.
 * `--set 'wav-leak-free-fold.step=[0,1,…,15]' --set 'wav-as-published-fold.step=[…]'` and an
 * earlier `firstTest`, or call `declareWaveletLstmClaim(p, { windows: 16, firstTest })`.
 */
import { type NodeRef, pipeline, type PipelineBuilder, sweep } from "../../engine/mod.ts";
import { fetchPrices } from "../../tasks/fetch.ts";
import { fitModel } from "../../tasks/train.ts";
import { buildWaveletFrame } from "../../tasks/claims/wavelet_frame.ts";
import { waveletFoldTask } from "../../tasks/claims/wavelet_fold.ts";
import { encodeWithAutoencoder } from "../../tasks/claims/sae_encode.ts";
import { scoreWavelet } from "../../tasks/claims/wavelet_score.ts";
import { waveletSummary } from "../../tasks/claims/wavelet_claim.ts";
import type { ClaimSummary } from "../../evaluation/claims/claim_row.ts";
import { STUDY_END } from "../studies/market_data.ts";

export interface WaveletClaimOptions {
  /** Rolling 3-month test windows (default 8). */
  windows?: number;
  /** First day of the first test window (default 2023-01-01). */
  firstTest?: string;
}

/** The LSTM on the codes: small, as the codes are 10 numbers a day. */
export const CLAIM_LSTM = {
  kind: "lstm",
  layers: 1,
  units: 32,
  dropout: 0.1,
  training: { epochs: 60, batchSize: 32, earlyStoppingPatience: 10 },
};

export const CLAIM_TREES = { kind: "gradient-boosting", trees: 200, maxDepth: 3 };

export function declareWaveletLstmClaim(
  p: PipelineBuilder,
  options: WaveletClaimOptions = {},
): NodeRef<ClaimSummary> {
  const windows = options.windows ?? 8;
  const firstTest = options.firstTest ?? "2023-01-01";
  const fromYear = Number(firstTest.slice(0, 4)) - 7;
  const spx = p.fetch("wav-spx", fetchPrices, {
    symbol: "^GSPC",
    start: `${fromYear - 1}-06-01`,
    end: STUDY_END,
  });
  const run = (tag: string, leaky: boolean) => {
    const features = p.feature(`wav-${tag}-features`, buildWaveletFrame, {
      from: `${fromYear}-01-01`,
      asPublished: { wholeSeriesDenoising: leaky },
    }, { spx });
    const fold = p.split(`wav-${tag}-fold`, waveletFoldTask, {
      step: sweep(Array.from({ length: windows }, (_, k) => k)),
      firstTest,
      asPublished: { wholeSeriesScaler: leaky },
    }, { features });
    const codes = p.node(`wav-${tag}-sae`, {
      kind: "encode",
      task: encodeWithAutoencoder,
      params: {},
      inputs: { fold },
    });
    const lstm = p.train(`wav-${tag}-lstm`, fitModel, { model: CLAIM_LSTM }, { fold: codes });
    return { features, codes, lstm };
  };
  const published = run("as-published", true);
  const leakFree = run("leak-free", false);
  const trees = p.train("wav-trees", fitModel, { model: CLAIM_TREES }, { fold: leakFree.codes });
  const scores = p.evaluate("wav-scores", scoreWavelet, {}, {
    asPublished: published.lstm.gather(),
    leakFree: leakFree.lstm.gather(),
    trees: trees.gather(),
    asPublishedFolds: published.codes.gather(),
    leakFreeFolds: leakFree.codes.gather(),
    asPublishedFeatures: published.features,
    leakFreeFeatures: leakFree.features,
  });
  return p.node("wav-claim", {
    kind: "claim",
    task: waveletSummary,
    params: {},
    inputs: { scores },
  });
}

export default pipeline({
  name: "claims/wavelet-lstm",
  seed: 7,
  description: "Claim 1: wavelet-denoised stacked-autoencoder LSTM as published (whole-series " +
    "denoising and scaling) and leak-free, beside gradient-boosted trees and always-long",
}, (p) => {
  declareWaveletLstmClaim(p);
});
