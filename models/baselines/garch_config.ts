/**
 * Configuration of the `garch` model kind, with its documented defaults
 * (`garchConfig.parse({})`). Zod only, so the model registry can validate configs without
 * importing the implementation (`garch.ts`).
 */
import { z } from "zod";
import { fitOnSchema } from "./fit_on.ts";

export const garchConfig = z.object({
  mean: z.enum(["constant", "zero"]).default("constant"),
  fitOn: fitOnSchema,
  /** BFGS iteration limit. */
  maxIterations: z.number().int().min(10).max(10000).default(500),
}).strict();
export type GarchConfig = z.infer<typeof garchConfig>;

/** The kind's card: name, one-line description and schema; the registry and the spec read it. */
export const garchKind = {
  schema: garchConfig,
  kind: "garch",
  description: "GARCH(1,1) by maximum likelihood: constant-mean point, one-step variance forecasts",
};
