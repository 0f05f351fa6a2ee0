/**
 * A variance forecast read off quantile forecasts: the outermost symmetric pair
 * (q_lo, q_hi) spans 2·z(q_hi) standard deviations of a normal, so σ̂ = (q_hi − q_lo) /
 * (2·z(q_hi)). For the default levels (0.05 … 0.95) that is the 90% interval over 3.29.
 * Quantiles that cross (q_hi < q_lo) give their absolute spread; a zero spread is an error
 * naming the row, since a variance must be positive.
 */
import { normalQuantile } from "../../evaluation/stats/distributions.ts";

/** `values` [n, H, Q] row-major → σ̂² [n, H]. */
export function varianceFromQuantiles(
  kind: string,
  levels: readonly number[],
  values: Float32Array,
): Float32Array {
  const q = levels.length;
  const z = normalQuantile(levels[q - 1]);
  const rows = values.length / q;
  const out = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    const spread = Math.abs(values[i * q + q - 1] - values[i * q]);
    const sigma = spread / (2 * z);
    if (!(sigma > 0 && Number.isFinite(sigma))) {
      throw new Error(
        `${kind}: quantile forecast ${i} has spread ${spread}; no variance can be read off it`,
      );
    }
    out[i] = sigma * sigma;
  }
  return out;
}
