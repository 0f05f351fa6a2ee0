/**
 * Configuration of the `always-long` model kind, with its documented defaults
 * (`alwaysLongConfig.parse({})`). Zod only, so the model catalog can validate configs without
 * importing the implementation (`always_long.ts`).
 */
import { z } from "zod";
import { fitOnSchema } from "./fit_on.ts";

export const alwaysLongConfig = z.object({ fitOn: fitOnSchema }).strict();
export type AlwaysLongConfig = z.infer<typeof alwaysLongConfig>;

/** The kind's name and one-line description: the catalog and the spec both read them here. */
export const alwaysLongKind = {
  kind: "always-long",
  description: "Predicts up at every origin (point = training mean absolute return)",
};
