/**
 * Configuration of the `random-forest` model kind, with its documented defaults
 * (`randomForestConfig.parse({})`). Zod only, so the model registry can validate configs
 * without importing the implementation (`random_forest.ts`).
 */
import { z } from "zod";
import { windowInputFields } from "./window_input_config.ts";
import { MAX_BINS } from "./bin_limit.ts";

export const randomForestConfig = z.object({
  trees: z.number().int().min(1).max(5000).default(200),
  maxDepth: z.number().int().min(1).max(32).default(6),
  minSamplesLeaf: z.number().int().min(1).default(10),
  /** Share of columns drawn as split candidates at each node (Breiman's p/3 for regression). */
  maxFeatures: z.number().gt(0).max(1).default(1 / 3),
  bootstrap: z.boolean().default(true),
  maxBins: z.number().int().min(2).max(MAX_BINS).default(64),
  ...windowInputFields,
}).strict();
export type RandomForestConfig = z.infer<typeof randomForestConfig>;

/** The kind's card: name, one-line description and schema; the registry and the spec read it. */
export const randomForestKind = {
  schema: randomForestConfig,
  kind: "random-forest",
  description: "Random forest on flattened input windows (bootstrap, per-split feature sampling)",
};
