/**
 * The stationary bootstrap of Politis & Romano (1994): resamples of a time series made of
 * blocks with geometrically distributed lengths (mean `meanBlock`) that wrap around the end,
 * so each resample is itself stationary. It is the resampling scheme of White's Reality
 * Check and Hansen's SPA test. Seeded with the project's generator (`models/tf/rng.ts`), so
 * the same seed gives the same resamples.
 */
import { SeededRandom, seedFrom } from "../../models/tf/rng.ts";

export interface StationaryBootstrapOptions {
  /** Length of the series (and of each resample). */
  rows: number;
  reps: number;
  /** Mean block length in rows (≥ 1); 1 gives the i.i.d. bootstrap. */
  meanBlock: number;
  seed: string;
}

/** `reps` resamples, each the row indices (0 … rows − 1, repeats allowed) in drawn order. */
export function stationaryBootstrap(options: StationaryBootstrapOptions): Int32Array[] {
  const { rows, reps, meanBlock, seed } = options;
  if (!Number.isInteger(rows) || rows < 1) {
    throw new RangeError(`stationary bootstrap needs at least one row, got ${rows}`);
  }
  if (!Number.isInteger(reps) || reps < 1) {
    throw new RangeError(`stationary bootstrap reps must be ≥ 1: ${reps}`);
  }
  if (!(meanBlock >= 1)) throw new RangeError(`mean block length must be ≥ 1: ${meanBlock}`);
  const stream = new SeededRandom(seedFrom("stationary-bootstrap", seed));
  const random = () => stream.next();
  const restart = 1 / meanBlock;
  return Array.from({ length: reps }, () => {
    const sample = new Int32Array(rows);
    let row = Math.floor(random() * rows);
    sample[0] = row;
    for (let t = 1; t < rows; t++) {
      row = random() < restart ? Math.floor(random() * rows) : (row + 1) % rows;
      sample[t] = row;
    }
    return sample;
  });
}
