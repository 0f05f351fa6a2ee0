/**
 * Mini-batches of the pretraining corpus, drawn with a seeded stream (the same seed gives the
 * same batches): inputs [B, L, P], next-bar targets [B, L] of the return and of the range
 * with the range's mask (0 where the series does not record it), and, for the record and the
 * tests, which series each row came from.
 */
import type { SeededRandom } from "../../tf/rng.ts";
import type { Corpus } from "./corpus.ts";

export interface Batch {
  size: number;
  inputs: Float32Array;
  returns: Float32Array;
  range: Float32Array;
  rangeMask: Float32Array;
  /** Index into `corpus.series` of each row. */
  series: Int32Array;
}

export interface BatchOptions {
  encoderLength: number;
  size: number;
  random: SeededRandom;
}

export function drawBatch(corpus: Corpus, { encoderLength, size, random }: BatchOptions): Batch {
  const L = encoderLength;
  const P = corpus.parts.length;
  const batch: Batch = {
    size,
    inputs: new Float32Array(size * L * P),
    returns: new Float32Array(size * L),
    range: new Float32Array(size * L),
    rangeMask: new Float32Array(size * L),
    series: new Int32Array(size),
  };
  for (let b = 0; b < size; b++) {
    const w = random.int(corpus.windowSeries.length);
    const s = corpus.series[corpus.windowSeries[w]];
    const start = corpus.windowStart[w];
    batch.series[b] = corpus.windowSeries[w];
    batch.inputs.set(s.inputs.subarray(start * P, (start + L) * P), b * L * P);
    for (let t = 0; t < L; t++) {
      const row = start + t + 1;
      batch.returns[b * L + t] = s.targets[row * 2];
      const range = s.targets[row * 2 + 1];
      const known = Number.isFinite(range);
      batch.range[b * L + t] = known ? range : 0;
      batch.rangeMask[b * L + t] = known ? 1 : 0;
    }
  }
  return batch;
}
