/**
 * Config pieces shared by the tfjs models: the point-loss choice (LSTM, CLS Transformer),
 * the fine-tuning choice, and readable validation errors.
 */
import { z } from "zod";
import type { LossConfig } from "./losses.ts";

/** Point models train on a [b, H] output: mse, or mse with the anti-collapse penalty. */
export const pointLossSchema = z.enum(["mse", "mse-variance"]).default("mse");

export function pointLossConfig(
  config: { loss: "mse" | "mse-variance"; varianceWeight: number },
): LossConfig {
  return { name: config.loss, varianceWeight: config.varianceWeight };
}

/**
 * How a fit that starts from an upstream model trains: "head" freezes the backbone at the
 * upstream weights and trains the output layer; "all" fine-tunes every weight. Ignored
 * without an upstream model.
 */
export const fineTuneSchema = z.enum(["head", "all"]).default("head");

/** Parses a model config, naming every invalid field in one error. */
export function parseModelConfig<T>(kind: string, schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new Error(`${kind} config is invalid:\n${z.prettifyError(result.error)}`);
}
