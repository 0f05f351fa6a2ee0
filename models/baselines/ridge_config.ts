/**
 * Configuration of the `ridge` model kind, with its documented defaults
 * (`ridgeConfig.parse({})`). Zod only, so the model registry can validate configs without
 * importing the implementation (`ridge.ts`).
 */
import { z } from "zod";
import { windowInputFields } from "./window_input_config.ts";

export const ridgeConfig = z.object({
  /** L2 penalty on the coefficients (scikit-learn's alpha). */
  alpha: z.number().positive().default(1000),
  fitIntercept: z.boolean().default(true),
  ...windowInputFields,
}).strict();
export type RidgeConfig = z.infer<typeof ridgeConfig>;

/** The kind's card: name, one-line description and schema; the registry and the spec read it. */
export const ridgeKind = {
  schema: ridgeConfig,
  kind: "ridge",
  description: "Ridge regression on flattened input windows (matches scikit-learn Ridge)",
};
