/**
 * The run behind a report, as text shared by `index.html` and `summary.md`: how to
 * reproduce it (pipeline, report key), the data each fold trained, validated and tested on, and
 * every model's configuration, seeds and backend. Everything comes from the cached
 * evaluation and the node's own key, never from the clock, so a re-render gives the same
 * bytes (fit times are wall-clock: the run ledger records them per train node).
 */
import type { DateSpan, EvaluationMetrics } from "../evaluation/evaluation.ts";
import { MISSING } from "./format.ts";

/** Who rendered the report: the report node, its pipeline and key when the engine ran it. */
export interface RunIdentity {
  nodeId: string;
  pipeline: string | null;
  key: string | null;
}

/** The command that re-renders a report from the cache, by its key's first 12 characters. */
export function reportCommand(key: string): string {
  return `deno task report ${key.slice(0, 12)}`;
}

/** Commands that reproduce the report, with what each does. */
export function reproduceSteps(identity: RunIdentity): Array<[command: string, what: string]> {
  const steps: Array<[string, string]> = [];
  if (identity.key) {
    steps.push([
      reportCommand(identity.key),
      "re-renders this report byte-identically from the cache (same commit)",
    ]);
  }
  if (identity.pipeline) {
    steps.push([
      `deno task pipeline ${identity.pipeline}`,
      "reruns the pipeline; cached nodes are reused, so it recomputes only what changed",
    ]);
  }
  return steps;
}

export function identityLine(identity: RunIdentity, metrics: EvaluationMetrics): string {
  const node = identity.pipeline ? `${identity.pipeline}/${identity.nodeId}` : identity.nodeId;
  return `Report node ${node}${identity.key ? `, key ${identity.key}` : ""}; seed ` +
    `${metrics.settings.seed}; evaluation ${metrics.schema}.`;
}

export const FOLD_SPAN_HEADER = [
  "fold",
  "training (fit)",
  "validation (checkpoint selection)",
  "test",
  "test rows",
];

/** What the fold span columns hold, for the table's caption. */
export const FOLD_SPAN_NOTE = "Data of each fold: the training split the models were fitted " +
  "on (first → last training target, and the number of training origins; a model configured " +
  "to fit on train+validation also learns from the validation rows), the validation rows that " +
  "chose the checkpoint and the test rows scored here (first → last forecast timestamp).";

export function foldSpanRows(metrics: EvaluationMetrics): string[][] {
  const span = (s: DateSpan | null) => s ? `${s.firstDate} → ${s.lastDate} (${s.rows})` : MISSING;
  return metrics.folds.map((f) => [
    f.testYear === null ? f.foldId : `${f.foldId} (${f.testYear})`,
    span(f.train),
    span(f.validation),
    `${f.firstDate} → ${f.lastDate}`,
    String(f.rows),
  ]);
}

export const MODEL_RUN_HEADER = ["model", "kind", "folds", "seed", "backend"];

export interface ModelRunRow {
  cells: string[];
  /** The configuration the train nodes validated (defaults filled in). */
  config: Record<string, unknown>;
}

export function modelRunRows(metrics: EvaluationMetrics): ModelRunRow[] {
  return metrics.models.map((m) => {
    const p = m.provenance;
    return {
      cells: [
        m.label,
        m.model,
        String(p.nodes.length),
        p.seeds.join(", "),
        p.backends.join(", "),
      ],
      config: p.config,
    };
  });
}
