/**
 * Configuration of the `gradient-boosting` model kind, with its documented defaults
 * (`gradientBoostingConfig.parse({})`). Zod only, so the model registry can validate configs
 * without importing the implementation (`gradient_boosting.ts`).
 */
import { z } from "zod";
import { windowInputFields } from "./window_input_config.ts";
import { MAX_BINS } from "./bin_limit.ts";

export const gradientBoostingConfig = z.object({
  trees: z.number().int().min(1).max(10000).default(200),
  learningRate: z.number().gt(0).max(1).default(0.05),
  maxDepth: z.number().int().min(1).max(16).default(3),
  minSamplesLeaf: z.number().int().min(1).default(20),
  /** Share of rows each tree is fitted on, drawn without replacement. */
  subsample: z.number().gt(0).max(1).default(0.8),
  /** Share of columns drawn as split candidates at each node. */
  maxFeatures: z.number().gt(0).max(1).default(1),
  maxBins: z.number().int().min(2).max(MAX_BINS).default(64),
  ...windowInputFields,
}).strict();
export type GradientBoostingConfig = z.infer<typeof gradientBoostingConfig>;

/** The kind's card: name, one-line description and schema; the registry and the spec read it. */
export const gradientBoostingKind = {
  schema: gradientBoostingConfig,
  kind: "gradient-boosting",
  description: "Gradient-boosted regression trees on flattened input windows",
};
