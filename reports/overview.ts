/** One sentence describing the experiment: frequency, horizon, folds, rows, benchmarks. */
import type {} from "../evaluation/claims/claims_evaluation.ts";
import type { EvaluationMetrics } from "../evaluation/evaluation.ts";
import { foldsAreYears } from "../evaluation/fold_labels.ts";
import { programOf } from "../tasks/program.ts";

/** Rolling folds each test a calendar year; folds without one are walk-forward windows. */
function foldsPhrase(metrics: EvaluationMetrics): string {
  const count = metrics.folds.length;
  if (foldsAreYears(metrics.folds)) {
    const years = metrics.folds.map((f) => f.testYear!);
    return `${count} rolling folds (test years ${Math.min(...years)}–${Math.max(...years)}; `;
  }
  if (count === 1) return "a single test window (";
  return `${count} walk-forward folds (consecutive test windows; `;
}

/** "3 models", or a model search's count (its models are not listed one by one). */
function modelCount(metrics: EvaluationMetrics): string {
  return metrics.modelSearch
    ? `${metrics.modelSearch.models} searched models`
    : `${metrics.models.length} models`;
}

export function experimentLine(metrics: EvaluationMetrics): string {
  // The macro-regime study forecasts a score, not returns: it has no folds or return models.
  if (metrics.macroRegime) {
    const { studies } = metrics.macroRegime;
    const horizons = studies[0]?.horizons ?? [];
    return `Macro-regime score forecasts (−5 … +5), expanding walk-forward at horizons ` +
      `${horizons.map((h) => `${h.horizon}`).join(" / ")} days (origins every horizon), from ` +
      `${horizons[0]?.firstOrigin ?? "—"} to ${horizons[0]?.lastTarget ?? "—"}; timings: ` +
      `${studies.map((s) => s.timing).join(", ")}. The market test stands beside always-long.`;
  }
  // The claims audit gathers finished claims: each row carries its own rows and baseline.
  if (metrics.claims) {
    return `Claims audit: ${metrics.claims.length} published claim(s), each re-run as ` +
      "published and leak-free beside a baseline on the same rows.";
  }
  // The program gathers whole phases: its own metrics list no models.
  const program = programOf(metrics);
  if (program) {
    const variants = program.phases.reduce((sum, phase) => sum + phase.rows.length, 0);
    return `Experiment program: ${program.phases.length} phases, ${variants} evaluated ` +
      `variants from ${program.runs} runs (variant × fold × seed; a shared control counts in each ` +
      "phase that reads it), each variant beside always-long on the same " +
      `rows, its p-values adjusted for the variants its phase tried.`;
  }
  const rows = metrics.folds.reduce((sum, f) => sum + f.rows, 0);
  const first = metrics.folds[0]?.firstDate ?? "";
  const last = metrics.folds[metrics.folds.length - 1]?.lastDate ?? "";
  return `${metrics.frequency === "weekly" ? "Weekly" : "Daily"} forecasts, horizon ` +
    `${metrics.horizon}, ${foldsPhrase(metrics)}${rows} test ` +
    `${metrics.frequency === "weekly" ? "weeks" : "days"} from ${first} to ${last}), ` +
    `${modelCount(metrics)}. Every number stands beside always-long on the same rows.`;
}
