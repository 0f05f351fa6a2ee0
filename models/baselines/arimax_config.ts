/**
 * Configuration of the `arimax` model kind, with its documented defaults
 * (`arimaxConfig.parse({})`). Zod only, so the model registry can validate configs without
 * importing the implementation (`arimax.ts`).
 */
import { z } from "zod";
import { fitOnSchema } from "./fit_on.ts";

const orders = (max: number, fallback: number[]) =>
  z.array(z.number().int().min(0).max(max)).min(1).default(fallback);

export const arimaxConfig = z.object({
  /** Names of `past` features used as regressors, e.g. ["cpi_yoy", "dgs10_change"]; [] is ARIMA. */
  exog: z.array(z.string().min(1)).default([]),
  /** Include a constant when d = 0. */
  intercept: z.boolean().default(true),
  /** Candidate AR orders, differencing orders and MA orders; every combination is fitted. */
  p: orders(5, [0, 1, 2]),
  d: orders(2, [0]),
  q: orders(5, [0, 1]),
  fitOn: fitOnSchema,
  /** BFGS iteration limit per order. */
  maxIterations: z.number().int().min(10).max(10000).default(500),
  /**
   * Orders whose fitted AR or MA roots come closer than this to the unit circle are not
   * selected (forecast::auto.arima uses 1.01; see arimax_selection.ts); 1 turns it off.
   */
  minRootModulus: z.number().min(1).max(2).default(1.01),
}).strict();
export type ArimaxConfig = z.infer<typeof arimaxConfig>;

/** The kind's card: name, one-line description and schema; the registry and the spec read it. */
export const arimaxKind = {
  schema: arimaxConfig,
  kind: "arimax",
  description: "ARIMAX(p,d,q) on past features, exact MLE via Kalman filter, order by AIC",
};
