/**
 * Configuration of the `historical-mean` model kind, with its documented defaults
 * (`historicalMeanConfig.parse({})`). Zod only, so the model registry can validate configs
 * without importing the implementation (`historical_mean.ts`).
 */
import { z } from "zod";
import { fitOnSchema } from "./fit_on.ts";

export const historicalMeanConfig = z.object({ fitOn: fitOnSchema }).strict();
export type HistoricalMeanConfig = z.infer<typeof historicalMeanConfig>;

/** The kind's card: name, one-line description and schema; the registry and the spec read it. */
export const historicalMeanKind = {
  schema: historicalMeanConfig,
  kind: "historical-mean",
  description: "Predicts the training mean return at every origin",
};
