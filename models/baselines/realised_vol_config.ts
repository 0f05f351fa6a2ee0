/**
 * Configuration of the `realised-vol` model kind, with its documented defaults
 * (`realisedVolConfig.parse({})`). Zod only, so the registry validates configs without the
 * implementation (`realised_vol.ts`).
 */
import { z } from "zod";
import { fitOnSchema } from "./fit_on.ts";

export const realisedVolConfig = z.object({
  /** Returns up to and including the origin whose mean square is the variance forecast. */
  window: z.number().int().min(1).max(2520).default(20),
  /** "constant": the point forecast is the mean training return; "zero": 0. */
  mean: z.enum(["constant", "zero"]).default("constant"),
  fitOn: fitOnSchema,
}).strict();
export type RealisedVolConfig = z.infer<typeof realisedVolConfig>;

/** The kind's card: name, one-line description and schema; the registry and the spec read it. */
export const realisedVolKind = {
  schema: realisedVolConfig,
  kind: "realised-vol",
  description:
    "Realised-volatility naive: the mean squared return of the last 20 bars as the next bar's variance",
};
