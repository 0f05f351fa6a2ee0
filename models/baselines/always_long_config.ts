/**
 * Configuration of the `always-long` model kind, with its documented defaults
 * (`alwaysLongConfig.parse({})`). Zod only, so the model catalog can validate configs without
 * importing the implementation (`always_long.ts`).
 */
import { z } from "zod";
import { fitOnSchema } from "./fit_on.ts";

export const alwaysLongConfig = z.object({ fitOn: fitOnSchema }).strict();
export type AlwaysLongConfig = z.infer<typeof alwaysLongConfig>;
