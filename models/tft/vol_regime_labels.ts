/**
 * Labels of the TFT's volatility-regime auxiliary head (`auxiliaryHead.target:
 * "vol-regime"`): for each training window with origin o, the class of the *raw* level of
 * a frame feature (VIX by default) at the forecast's last target step o + H, counted
 * against raw thresholds (VIX > 25: [25] gives 2 classes; [15, 25] gives 3, as the
 * reference study). The raw level comes from the fold's label series (`Fold.labelSeries`,
 * the frame's unscaled values, which the split node keeps on request), never from
 * un-standardising a scaled input: the reference compared standardised VIX with raw
 * thresholds, so its "high volatility" class was never the one it meant. A label is not an
 * input: it may sit at the target step, while the network's inputs stay at or before o.
 */
import type { Fold } from "../contract.ts";

export interface VolRegimeRule {
  /** The frame feature read raw at the target step. */
  feature: string;
  /** Raw thresholds, increasing; a level above k of them is class k. */
  thresholds: number[];
}

/** Class of `level`: how many thresholds it exceeds. */
export function volRegimeClass(level: number, thresholds: readonly number[]): number {
  let k = 0;
  for (const threshold of thresholds) if (level > threshold) k++;
  return k;
}

/** One label per origin: the class of the raw feature at row o + H. */
export function volRegimeLabels(
  fold: Fold,
  origins: Int32Array,
  rule: VolRegimeRule,
): Float32Array {
  const series = fold.labelSeries?.[rule.feature];
  if (!series) {
    throw new Error(
      `tft auxiliaryHead "vol-regime": fold ${fold.id} carries no raw "${rule.feature}" label ` +
        `series; set the split node's labelSeries: ["${rule.feature}"] (the labels must come ` +
        "from raw data, not from the scaled input)",
    );
  }
  return Float32Array.from(origins, (origin) => {
    const row = origin + fold.horizon;
    const level = series[row];
    if (!Number.isFinite(level)) {
      throw new Error(
        `tft auxiliaryHead "vol-regime": fold ${fold.id} has no raw ${rule.feature} at row ` +
          `${row} (${fold.dates[row] ?? "outside the fold"}), the target step of origin ` +
          `${origin}; fill the series or drop the row from the fold`,
      );
    }
    return volRegimeClass(level, rule.thresholds);
  });
}
