/**
 * Config pieces shared by the point-forecast tfjs models (LSTM, CLS Transformer): the loss
 * choice and readable validation errors.
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

/** Parses a model config, naming every invalid field in one error. */
export function parseModelConfig<T>(kind: string, schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new Error(`${kind} config is invalid:\n${z.prettifyError(result.error)}`);
}
