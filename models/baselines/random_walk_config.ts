/**
 * Configuration of the `random-walk` model kind, with its documented defaults
 * (`randomWalkConfig.parse({})`). Zod only, so the model catalog can validate configs without
 * importing the implementation (`random_walk.ts`).
 */
import { z } from "zod";

export const randomWalkConfig = z.object({}).strict();
export type RandomWalkConfig = z.infer<typeof randomWalkConfig>;

/** The kind's name and one-line description: the catalog and the spec both read them here. */
export const randomWalkKind = {
  kind: "random-walk",
  description: "Predicts a zero return (no change in price) at every origin",
};
