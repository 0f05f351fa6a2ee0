/**
 * Configuration of the `random-walk` model kind, with its documented defaults
 * (`randomWalkConfig.parse({})`). Zod only, so the model registry can validate configs without
 * importing the implementation (`random_walk.ts`).
 */
import { z } from "zod";

export const randomWalkConfig = z.object({}).strict();
export type RandomWalkConfig = z.infer<typeof randomWalkConfig>;

/** The kind's card: name, one-line description and schema; the registry and the spec read it. */
export const randomWalkKind = {
  schema: randomWalkConfig,
  kind: "random-walk",
  description: "Predicts a zero return (no change in price) at every origin",
};
