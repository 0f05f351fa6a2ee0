/**
 * Builds model input windows from a {@link Fold}: for origin row o, the encoder covers rows
 * o-L+1..o, the decoder rows o+1..o+H. Every window model (TFT, LSTM, CLS Transformer,
 * flattened trees) uses these, so they all see exactly the same rows.
 */
import type { Fold, SplitName } from "./contract.ts";

export interface Windows {
  n: number;
  encoderLength: number;
  horizon: number;
  /** [n, encoderLength, past.cols] */
  past: Float32Array;
  /** [n, encoderLength + horizon, known.cols] */
  known: Float32Array;
  /** [n, static.cols], taken at the origin row */
  static: Float32Array;
  /** [n, horizon] raw returns of rows o+1..o+H */
  target: Float32Array;
  origins: Int32Array;
}

/** Copies the windows of one split out of the fold's series. */
export function buildWindows(fold: Fold, split: SplitName): Windows {
  const origins = fold.splits[split];
  const { encoderLength: L, horizon: H, past, known } = fold;
  const n = origins.length;
  const out: Windows = {
    n,
    encoderLength: L,
    horizon: H,
    past: new Float32Array(n * L * past.cols),
    known: new Float32Array(n * (L + H) * known.cols),
    static: new Float32Array(n * fold.static.cols),
    target: new Float32Array(n * H),
    origins,
  };
  for (let i = 0; i < n; i++) {
    const o = origins[i];
    if (o - L + 1 < 0 || o + H >= fold.dates.length) {
      throw new Error(
        `fold ${fold.id}: ${split} origin row ${o} (${fold.dates[o]}) needs rows ${o - L + 1}..${
          o + H
        } but the series has rows 0..${fold.dates.length - 1}`,
      );
    }
    const pastStart = (o - L + 1) * past.cols;
    out.past.set(past.values.subarray(pastStart, pastStart + L * past.cols), i * L * past.cols);
    const knownStart = (o - L + 1) * known.cols;
    out.known.set(
      known.values.subarray(knownStart, knownStart + (L + H) * known.cols),
      i * (L + H) * known.cols,
    );
    const s = fold.static.cols;
    out.static.set(fold.static.values.subarray(o * s, o * s + s), i * s);
    for (let h = 0; h < H; h++) out.target[i * H + h] = fold.target[o + 1 + h];
  }
  return out;
}
