/**
 * The `fitOn` config field every baseline shares: which splits' rows it learns from.
 * Zod only, so the model registry can import it without any model implementation.
 */
import { z } from "zod";

/**
 * `train` (default) keeps validation forecasts out of sample; `train+validation` also fits on
 * the validation rows (more recent data for the test year, but in-sample validation scores).
 */
export const fitOnSchema = z.enum(["train", "train+validation"]).default("train");
export type FitOn = z.infer<typeof fitOnSchema>;
