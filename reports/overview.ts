/** One sentence describing the experiment: frequency, horizon, folds, rows, benchmarks. */
import type { EvaluationMetrics } from "./evaluation.ts";

export function experimentLine(metrics: EvaluationMetrics): string {
  const years = metrics.folds.map((f) => f.testYear).filter((y): y is number => y !== null);
  const span = years.length
    ? `test years ${Math.min(...years)}–${Math.max(...years)}`
    : `folds ${metrics.folds.map((f) => f.foldId).join(", ")}`;
  const rows = metrics.folds.reduce((sum, f) => sum + f.rows, 0);
  const first = metrics.folds[0]?.firstDate ?? "";
  const last = metrics.folds[metrics.folds.length - 1]?.lastDate ?? "";
  return `${metrics.frequency === "weekly" ? "Weekly" : "Daily"} forecasts, horizon ` +
    `${metrics.horizon}, ${metrics.folds.length} rolling folds (${span}; ${rows} test ` +
    `${metrics.frequency === "weekly" ? "weeks" : "days"} from ${first} to ${last}), ` +
    `${metrics.models.length} models. Every number stands beside always-long on the same rows.`;
}
