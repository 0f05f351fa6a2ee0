/** Loads the SciPy/statsmodels reference table (see tests/fixtures/reports/make_stats_reference.py). */
export interface DmReference {
  horizon: number;
  meanDifference: number;
  stat: number;
  pValue: number;
}

export interface StatsReference {
  inputs: {
    actual: number[];
    forecast: number[];
    benchmark: number[];
    forecastH3: number[];
    quantileLevels: number[];
    quantiles: number[];
  };
  normalCdf: [number, number][];
  studentTCdf: [number, number, number][];
  pearson: { r: number; pValue: number };
  partialCorrelation: { groups: number[]; r: number; pValue: number };
  pesaranTimmermann: { hitRate: number; expectedHitRate: number; stat: number; pValue: number };
  dieboldMariano: Record<"squaredH1" | "directionalH1" | "squaredH3", DmReference>;
  pinball: { perLevel: number[]; mean: number };
}

export const STATS_REFERENCE: StatsReference = JSON.parse(
  await Deno.readTextFile(
    new URL("../../fixtures/reports/stats_reference.json", import.meta.url),
  ),
);

/** Relative-or-absolute closeness with a message naming what differs. */
export function assertClose(actual: number | null, expected: number, what: string, tol = 1e-9) {
  if (actual === null || !(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)))) {
    throw new Error(`${what}: got ${actual}, expected ${expected} (tolerance ${tol})`);
  }
}
