/** The claims-audit row of claim 1 (wavelet–autoencoder–LSTM) from its scores. */
import { z } from "zod";
import { defineTask } from "../../engine/task.ts";
import { type ClaimSummary, parseClaimSummary } from "../../evaluation/claims/claim_row.ts";
import type { WaveletScores } from "./wavelet_score.ts";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function waveletClaim(scores: WaveletScores): ClaimSummary {
  const { asPublished, leakFree, trees, alwaysLong, probe } = scores;
  const base = alwaysLong.accuracy.value;
  const beats = leakFree.accuracy.low !== null && leakFree.accuracy.low > base;
  return parseClaimSummary({
    kind: "claim-summary",
    claim: 1,
    title: "Wavelet-denoised stacked-autoencoder LSTM",
    source: "Bao, Yue & Rao (2017), PLoS ONE 12(7): e0180944, as discussed in seed 003",
    metric: `next-day S&P 500 direction accuracy, ${scores.windows} rolling 3-month windows ` +
      `${scores.testFrom}..${scores.testTo}`,
    published: "90–95% one-day-ahead accuracy on indices incl. the S&P 500",
    asPublished: asPublished.accuracy,
    leakFree: leakFree.accuracy,
    baseline: { name: "always-long", estimate: alwaysLong.accuracy },
    verdict: `As published (whole-series denoising and scaling) the LSTM calls ` +
      `${pct(asPublished.accuracy.value)} of directions; leak-free ${
        pct(leakFree.accuracy.value)
      }` +
      ` (gradient-boosted trees ${pct(trees.accuracy.value)}) against always-long's ` +
      `${pct(base)}: ` +
      (beats
        ? "the leak-free LSTM beats always-long, far from 90%."
        : "nothing near 90% survives, and the leak-free LSTM does not beat always-long.") +
      ` The whole-series inputs do carry the future: "up when the denoised close is above the ` +
      `close" calls ${pct(probe.asPublished.value)} on them, ${pct(probe.leakFree.value)} ` +
      `on causal ones.`,
  });
}

export const waveletSummary = defineTask({
  name: "claim.wavelet-lstm",
  kind: "claim",
  module: import.meta.url,
  params: z.object({}).strict(),
  inputs: { scores: "required" },
  run: ({ scores }: { scores: WaveletScores }, _params, ctx): ClaimSummary => {
    if (scores?.kind !== "wavelet-scores") {
      throw new Error(`${ctx.nodeId}: input "scores" must be a scoreWavelet node`);
    }
    return waveletClaim(scores);
  },
});
