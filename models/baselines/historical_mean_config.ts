/**
 * Configuration of the `historical-mean` model kind, with its documented defaults
 * (`historicalMeanConfig.parse({})`). Zod only, so the model catalog can validate configs
 * without importing the implementation (`historical_mean.ts`).
 */
import { z } from "zod";
import { fitOnSchema } from "./fit_on.ts";

export const historicalMeanConfig = z.object({ fitOn: fitOnSchema }).strict();
export type HistoricalMeanConfig = z.infer<typeof historicalMeanConfig>;
