/**
 * How peaked an attention profile over input steps is, as numbers a reader can quote: where
 * it peaks and bottoms out, the peak against a uniform spread of the same total (1/L when the
 * weights sum to 1), and the normalised entropy (1 = perfectly flat). Shared by the page's
 * captions and the summary's "What the models look at".
 */
import type { AttentionSummary, ExplanationSummary } from "./explanation_summary.ts";
import { mean } from "./stats/descriptive.ts";

export interface AttentionShape {
  steps: number;
  peakStep: number;
  peak: number;
  lowStep: number;
  low: number;
  /** Sum of the weights over the input steps (below 1 when some attention goes elsewhere). */
  total: number;
  /** total / steps: every step weighted alike. */
  uniform: number;
  /** peak / uniform. */
  peakRatio: number;
  /** Entropy of the weights (renormalised to sum 1) over log(steps); 1 = uniform. */
  entropy: number;
}

export function attentionShape(steps: number[], weights: number[]): AttentionShape {
  if (steps.length === 0 || steps.length !== weights.length) {
    throw new Error(`attention: ${steps.length} steps but ${weights.length} weights`);
  }
  let peakAt = 0;
  let lowAt = 0;
  weights.forEach((w, k) => {
    if (w > weights[peakAt]) peakAt = k;
    if (w < weights[lowAt]) lowAt = k;
  });
  const total = weights.reduce((sum, w) => sum + w, 0);
  const uniform = total / weights.length;
  const entropy = weights.length > 1 && total > 0
    ? -weights.reduce((sum, w) => (w > 0 ? sum + (w / total) * Math.log(w / total) : sum), 0) /
      Math.log(weights.length)
    : 1;
  return {
    steps: steps.length,
    peakStep: steps[peakAt],
    peak: weights[peakAt],
    lowStep: steps[lowAt],
    low: weights[lowAt],
    total,
    uniform,
    peakRatio: uniform > 0 ? weights[peakAt] / uniform : 1,
    entropy,
  };
}

/** "close to uniform", "mildly peaked" or "concentrated", from the peak over uniform. */
export function flatnessWords(shape: AttentionShape): string {
  if (shape.peakRatio < 1.25) return "close to uniform";
  return shape.peakRatio < 2 ? "mildly peaked" : "concentrated";
}

/** How many folds put their own peak on the mean profile's peak step. */
export function foldsPeakingAt(attention: AttentionSummary, step: number): number {
  return attention.byFold.filter((fold) =>
    attentionShape(attention.steps, fold.weights).peakStep === step
  ).length;
}

/**
 * True when the summary attention is the last layer's mean over heads of `attentionByHead`
 * (what a classification-token model reports), so captions can say which layer it shows.
 */
export function isLastLayerMean(explanation: ExplanationSummary): boolean {
  const heads = explanation.attentionByHead;
  const attention = explanation.attention;
  if (!heads || heads.length === 0 || !attention) return false;
  const last = heads[heads.length - 1];
  if (last.length === 0 || last[0].length !== attention.mean.length) return false;
  return attention.mean.every((w, s) => Math.abs(w - mean(last.map((head) => head[s]))!) < 1e-4);
}
