/**
 * Synthetic paths from a market-gpt network: start every path from the same context window
 * (the last L scaled bars before the test period), forecast the next bar's return and range
 * quantiles, draw one value of each by inverse-CDF interpolation between the quantiles, append
 * the bar, slide the window, repeat. All paths advance together as one batch.
 *
 * - Draws come from one seeded stream: the same network, context and seed give the same paths.
 * - Between quantiles the CDF is linear; beyond the outermost ones it continues the outermost
 *   segment's slope (so tails are as heavy as the quantiles imply, no heavier), clipped at
 *   ±clip standard deviations as the inputs are.
 * - The range is drawn at rank ½·|2u − 1| + ½·v (u the return's rank, v independent): a large
 *   move in either direction tends to come with a wide bar, as in real candles.
 * - Parts other than return and range are fed as 0 (their training mean).
 */
import * as tf from "@tensorflow/tfjs";
import { SeededRandom } from "../tf/rng.ts";
import type { Network } from "../tf/shell/kind.ts";
import { sequenceOutputs } from "./network.ts";

export interface SampleOptions {
  /** Scaled context bars [L, P], oldest first. */
  context: Float32Array;
  encoderLength: number;
  /** Index of "return" among the input parts, and of "range" (−1 if not an input). */
  returnPart: number;
  rangePart: number;
  parts: number;
  levels: readonly number[];
  steps: number;
  paths: number;
  seed: number;
  clip: number;
}

/** Inverse CDF at `u` of sorted quantile `values` at `levels`, linear, tails extrapolated. */
export function quantileDraw(levels: readonly number[], values: number[], u: number): number {
  const q = levels.length;
  let k = 0;
  if (u >= levels[q - 1]) k = q - 2;
  else while (k < q - 2 && u > levels[k + 1]) k++;
  const slope = (values[k + 1] - values[k]) / (levels[k + 1] - levels[k]);
  return values[k] + (u - levels[k]) * slope;
}

/** [paths, steps] of scaled returns. */
export function samplePaths(network: Network, options: SampleOptions): Float32Array {
  const { encoderLength: L, parts: P, paths: N, levels } = options;
  const Q = levels.length;
  if (options.context.length !== L * P) {
    throw new Error(
      `market-gpt sampling: context has ${options.context.length} values, not ${L}×${P}`,
    );
  }
  const windows = new Float32Array(N * L * P);
  for (let n = 0; n < N; n++) windows.set(options.context, n * L * P);
  const random = new SeededRandom(options.seed);
  const out = new Float32Array(N * options.steps);
  const clip = (v: number) => Math.max(-options.clip, Math.min(options.clip, v));
  for (let s = 0; s < options.steps; s++) {
    const [returns, range] = tf.tidy(() => {
      const seq = sequenceOutputs(network, tf.tensor3d(windows, [N, L, P]), false);
      const width = seq.returns.shape[2];
      const r = seq.returns.slice([0, L - 1, 0], [N, 1, width]).reshape([N, width]);
      const g = seq.range.slice([0, L - 1, 0], [N, 1, Q]).reshape([N, Q]);
      return [r.dataSync(), g.dataSync()];
    });
    const width = returns.length / N;
    for (let n = 0; n < N; n++) {
      const u = random.next();
      const v = random.next();
      const qr = Array.from(returns.subarray(n * width, n * width + Q)).sort((a, b) => a - b);
      const qg = Array.from(range.subarray(n * Q, (n + 1) * Q)).sort((a, b) => a - b);
      const r = clip(quantileDraw(levels, qr, u));
      const g = clip(quantileDraw(levels, qg, 0.5 * Math.abs(2 * u - 1) + 0.5 * v));
      out[n * options.steps + s] = r;
      const base = n * L * P;
      windows.copyWithin(base, base + P, base + L * P);
      const last = base + (L - 1) * P;
      windows.fill(0, last, last + P);
      windows[last + options.returnPart] = r;
      if (options.rangePart >= 0) windows[last + options.rangePart] = g;
    }
  }
  return out;
}
