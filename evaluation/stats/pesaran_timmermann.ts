/**
 * Pesaran–Timmermann (1992) test of directional accuracy: is the share of correct sign
 * calls higher than it would be if forecast and realised directions were independent with
 * the same marginal frequencies? The statistic is asymptotically standard normal; the
 * p-value is one-sided (H1: the forecasts have directional skill).
 *
 * A forecast > 0 is "up", ≤ 0 "down"; a realised return > 0 is "up".
 */
import { normalCdf } from "./distributions.ts";
import type { Numbers } from "./descriptive.ts";

export interface PesaranTimmermann {
  n: number;
  /** Observed share of correct sign calls. */
  hitRate: number;
  /** Expected share under independence. */
  expectedHitRate: number;
  /** Null when undefined: the forecasts (or the outcomes) never change direction. */
  stat: number | null;
  pValue: number | null;
}

export function pesaranTimmermann(forecast: Numbers, actual: Numbers): PesaranTimmermann {
  if (forecast.length !== actual.length) {
    throw new RangeError(
      `Pesaran–Timmermann: ${forecast.length} forecasts but ${actual.length} outcomes`,
    );
  }
  const n = forecast.length;
  let hits = 0;
  let forecastUp = 0;
  let actualUp = 0;
  for (let i = 0; i < n; i++) {
    const f = forecast[i] > 0;
    const a = actual[i] > 0;
    if (f === a) hits++;
    if (f) forecastUp++;
    if (a) actualUp++;
  }
  if (n === 0) return { n, hitRate: NaN, expectedHitRate: NaN, stat: null, pValue: null };
  const p = hits / n;
  const py = actualUp / n;
  const px = forecastUp / n;
  const pStar = py * px + (1 - py) * (1 - px);
  const varP = (pStar * (1 - pStar)) / n;
  const varPStar = ((2 * py - 1) ** 2 * px * (1 - px)) / n +
    ((2 * px - 1) ** 2 * py * (1 - py)) / n +
    (4 * py * px * (1 - py) * (1 - px)) / (n * n);
  const variance = varP - varPStar;
  // With constant forecasts both variances vanish and the test has nothing to test.
  if (!(variance > 1e-15)) {
    return { n, hitRate: p, expectedHitRate: pStar, stat: null, pValue: null };
  }
  const stat = (p - pStar) / Math.sqrt(variance);
  return { n, hitRate: p, expectedHitRate: pStar, stat, pValue: 1 - normalCdf(stat) };
}
