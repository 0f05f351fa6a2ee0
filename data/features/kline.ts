/**
 * Normalised K-lines: each daily OHLCV bar as four scale-free numbers, the tokens a market
 * model pretrained across many series reads (Kronos tokenises the same candlestick parts):
 *
 *   return  ln(C_t / C_{t−1})       range   ln(H_t / L_t)
 *   body    ln(C_t / O_t)           volume  ln(V_t / V_{t−1})
 *
 * Undefined parts are NaN: the first bar's return and volume change, a bar without an open,
 * high or low (VIX before CBOE recorded them; the index's open is not a real print before
 * ~2007, see data/README.md), and volume changes from or to zero volume (indices report none).
 * Each series is then standardised on its own training rows only (`scaleKlines`), so no
 * statistic of a later period or of another series enters.
 */
import type { DailyBars } from "../snapshot.ts";

export const KLINE_PARTS = ["return", "range", "body", "volume"] as const;
export type KlinePart = (typeof KLINE_PARTS)[number];
export type Klines = Record<KlinePart, Float64Array>;

const logRatio = (a: number, b: number) => (a > 0 && b > 0 ? Math.log(a / b) : NaN);

export function klines(bars: DailyBars): Klines {
  const n = bars.dates.length;
  const out = Object.fromEntries(
    KLINE_PARTS.map((p) => [p, new Float64Array(n).fill(NaN)]),
  ) as Klines;
  for (let t = 0; t < n; t++) {
    if (t > 0) {
      out.return[t] = logRatio(bars.close[t], bars.close[t - 1]);
      out.volume[t] = logRatio(bars.volume[t], bars.volume[t - 1]);
    }
    out.range[t] = logRatio(bars.high[t], bars.low[t]);
    out.body[t] = logRatio(bars.close[t], bars.open[t]);
  }
  return out;
}

export interface KlineScale {
  mean: Record<KlinePart, number>;
  std: Record<KlinePart, number>;
}

/**
 * Standardises each part with the mean and std of its finite values in rows [from, to)
 * (the series' training window); NaN stays NaN. A part with fewer than two finite training
 * values, or none that vary, keeps mean 0 and std 1.
 */
export function scaleKlines(
  parts: Klines,
  rows: { from: number; to: number },
): { scaled: Klines; scale: KlineScale } {
  const scale: KlineScale = {
    mean: {} as Record<KlinePart, number>,
    std: {} as Record<KlinePart, number>,
  };
  const scaled = {} as Klines;
  for (const part of KLINE_PARTS) {
    const values = Array.from(parts[part].subarray(rows.from, rows.to)).filter(Number.isFinite);
    const mean = values.length >= 2 ? values.reduce((a, b) => a + b, 0) / values.length : 0;
    const variance = values.length >= 2
      ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length
      : 0;
    const std = variance > 1e-24 ? Math.sqrt(variance) : 1;
    scale.mean[part] = values.length >= 2 && variance > 1e-24 ? mean : 0;
    scale.std[part] = std;
    scaled[part] = parts[part].map((v) => (v - scale.mean[part]) / std);
  }
  return { scaled, scale };
}
