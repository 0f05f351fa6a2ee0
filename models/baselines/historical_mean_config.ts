/**
 * Configuration of the `historical-mean` model kind, with its documented defaults
 * (`historicalMeanConfig.parse({})`). Zod only, so the model catalog can validate configs
 * without importing the implementation (`historical_mean.ts`).
 */
import { z } from "zod";
import { fitOnSchema } from "./fit_on.ts";

export const historicalMeanConfig = z.object({ fitOn: fitOnSchema }).strict();
export type HistoricalMeanConfig = z.infer<typeof historicalMeanConfig>;

/** The kind's name and one-line description: the catalog and the spec both read them here. */
export const historicalMeanKind = {
  kind: "historical-mean",
  description: "Predicts the training mean return at every origin",
};
