/**
 * The benchmark and the comparisons, as the evaluate node's parameters name them (a model
 * label or kind each; always-long by default): which models are references rather than
 * forecasters, and which models every model is Diebold–Mariano-tested against.
 */
import type { Comparison } from "./comparisons.ts";
import type { EvaluationMetrics, ModelEvaluation } from "./evaluation.ts";
import { DEFAULT_SETTINGS, type EvaluationSettings } from "./settings.ts";

type Named = { label: string; model: string };
type BenchmarkSettings = Pick<EvaluationSettings, "benchmark" | "comparisons">;

/** Whether `name` names the model: its label, or its kind. */
export function namesModel(name: string, model: Named): boolean {
  return model.label === name || model.model === name;
}

/**
 * The benchmark's name. Metrics cached before the benchmark was a parameter had the default
 * one, so they render as they did.
 */
export function benchmarkName(settings: Partial<BenchmarkSettings>): string {
  return settings.benchmark ?? DEFAULT_SETTINGS.benchmark;
}

export function isBenchmark(settings: Partial<BenchmarkSettings>, model: Named): boolean {
  return namesModel(benchmarkName(settings), model);
}

/** Models other than the benchmark: the ones the report judges. */
export function forecasters(metrics: EvaluationMetrics): ModelEvaluation[] {
  return metrics.models.filter((m) => !isBenchmark(metrics.settings, m));
}

/**
 * The comparisons to run: the named ones, led by the benchmark with both losses when the
 * list does not name it already (so a DAG that names another benchmark is compared with it).
 */
export function comparisonsOf(settings: BenchmarkSettings): Comparison[] {
  const named = settings.comparisons.some((c) => c.against === settings.benchmark);
  return named ? settings.comparisons : [
    { against: settings.benchmark, losses: ["directional", "squared"] },
    ...settings.comparisons,
  ];
}

/**
 * Warnings for a benchmark or comparison that names no model, unless it is one of the
 * defaults (always-long's calls need no model; a study without ARIMAX is compared without it).
 */
export function unmatchedNames(settings: BenchmarkSettings, models: Named[]): string[] {
  const labels = models.map((m) => m.label).join(", ");
  const defaults = new Set([
    DEFAULT_SETTINGS.benchmark,
    ...DEFAULT_SETTINGS.comparisons.map((c) => c.against),
  ]);
  const names = [
    ["benchmark", settings.benchmark],
    ...settings.comparisons.map((c) => ["comparison", c.against]),
  ];
  return names
    .filter(([, name]) => !defaults.has(name) && !models.some((m) => namesModel(name, m)))
    .map(([role, name]) =>
      `evaluate ${role} "${name}" names no model (labels: ${labels}); ` +
      "name a model label or kind of this experiment in the evaluate node's parameters"
    );
}
