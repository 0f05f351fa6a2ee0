/**
 * What produced a model's forecasts, for the report's run section: the validated
 * configuration its train nodes ran, their node ids, seeds and backends (read from the
 * cached train results, so a re-render gives the same bytes). Fit times are not here: they
 * are wall-clock, so they live in the run ledger (metric `<label>.fit_seconds`).
 */
import type { ModelRun } from "./model_runs.ts";
import { sortedJson } from "./sorted_json.ts";

export interface ModelProvenance {
  /** The configuration of the first fold's train node (defaults filled in). */
  config: Record<string, unknown>;
  /** Train node ids, in fold order. */
  nodes: string[];
  seeds: number[];
  backends: string[];
}

/** The run's provenance, and a warning when its folds ran different configurations. */
export function modelProvenance(
  run: ModelRun,
): { provenance: ModelProvenance; warning: string | null } {
  const first = run.folds[0]?.fit;
  const config = first?.config ?? {};
  const differing = run.folds.filter(({ fit }) => sortedJson(fit.config) !== sortedJson(config));
  const unique = <T>(values: T[]) => [...new Set(values)];
  return {
    provenance: {
      config,
      nodes: run.folds.map((f) => f.nodeId),
      seeds: unique(run.folds.map((f) => f.fit.seed)),
      backends: unique(run.folds.map((f) => f.fit.backend)),
    },
    warning: differing.length
      ? `${run.label}: folds ${differing.map((f) => f.fit.foldId).join(", ")} ran a ` +
        `different configuration from fold ${first!.foldId}; the run section shows ` +
        `${first!.foldId}'s`
      : null,
  };
}
