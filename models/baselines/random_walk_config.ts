/**
 * Configuration of the `random-walk` model kind, with its documented defaults
 * (`randomWalkConfig.parse({})`). Zod only, so the model catalog can validate configs without
 * importing the implementation (`random_walk.ts`).
 */
import { z } from "zod";

export const randomWalkConfig = z.object({}).strict();
export type RandomWalkConfig = z.infer<typeof randomWalkConfig>;
