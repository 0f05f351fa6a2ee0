/** Which models are the benchmark (always-long) and which are forecasters compared with it. */
import type { EvaluationMetrics, ModelEvaluation } from "./evaluation.ts";

export function isBenchmark(model: { model: string }): boolean {
  return model.model === "always-long";
}

/** Models other than always-long (whose accuracy is the base rate itself). */
export function forecasters(metrics: EvaluationMetrics): ModelEvaluation[] {
  return metrics.models.filter((m) => !isBenchmark(m));
}
