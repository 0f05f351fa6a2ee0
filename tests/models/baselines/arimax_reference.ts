/** Loads the statsmodels SARIMAX reference table (tests/fixtures/reference/generate_arimax.py). */

export interface ArimaxReferenceCase {
  series: "y" | "y_integrated";
  order: [number, number, number];
  exog: string[];
  /** statsmodels parameter names → values: exog, ar.L*, ma.L*, sigma2. */
  params: Record<string, number>;
  llf: number;
  aic: number;
  nobs: number;
  /** One-step predictions of series[t] for t = n_fit..N−1. */
  one_step: number[];
  /** origin (series index) → forecasts of series[origin+1..origin+H], regressors held at origin+1. */
  multi_step: Record<string, number[]>;
}

export interface ArimaxReference {
  n_fit: number;
  horizon: number;
  y: number[];
  y_integrated: number[];
  x1: number[];
  x2: number[];
  cases: ArimaxReferenceCase[];
}

export const arimaxReference: ArimaxReference = JSON.parse(
  await Deno.readTextFile(
    new URL("../../fixtures/reference/arimax_reference.json", import.meta.url),
  ),
);

export function referenceCase(p: number, d: number, q: number): ArimaxReferenceCase {
  const found = arimaxReference.cases.find((c) => c.order.join() === [p, d, q].join());
  if (!found) throw new Error(`no reference case for order (${p},${d},${q})`);
  return found;
}
