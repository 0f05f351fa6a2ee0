/**
 * Configuration of the `always-long` model kind, with its documented defaults
 * (`alwaysLongConfig.parse({})`). Zod only, so the model registry can validate configs without
 * importing the implementation (`always_long.ts`).
 */
import { z } from "zod";
import { fitOnSchema } from "./fit_on.ts";

export const alwaysLongConfig = z.object({ fitOn: fitOnSchema }).strict();
export type AlwaysLongConfig = z.infer<typeof alwaysLongConfig>;

/** The kind's card: name, one-line description and schema; the registry and the spec read it. */
export const alwaysLongKind = {
  schema: alwaysLongConfig,
  kind: "always-long",
  description: "Predicts up at every origin (point = training mean absolute return)",
};
