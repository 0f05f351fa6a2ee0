/**
 * Configuration of the `momentum` model kind, with its documented defaults
 * (`momentumConfig.parse({})`). Zod only, so the model registry can validate configs without
 * importing the implementation (`momentum.ts`).
 */
import { z } from "zod";

export const momentumConfig = z.object({
  /** Bars averaged into the signal, ending at the origin row. */
  lookback: z.number().int().min(1).max(520).default(1),
}).strict();
export type MomentumConfig = z.infer<typeof momentumConfig>;

/** The kind's card: name, one-line description and schema; the registry and the spec read it. */
export const momentumKind = {
  schema: momentumConfig,
  kind: "momentum",
  description: "Predicts the mean return of the last `lookback` bars (default: last return)",
};
