/**
 * "While fits remain": when the last node of a stage (by default `train`) that a run
 * computed finished, from what the engine already writes: the run's ledger entry says which
 * nodes were computed and their kind, and the `done <node> in …` lines of its `--plain`
 * output, stamped as they arrived (`bench/process_monitor.ts`), say when each finished.
 * The CPU use over [spawn, that time] is the cores the run kept busy while it still had
 * models to fit, without the single-threaded tail (evaluation, report) after them.
 */
import type { LedgerEntry } from "../../engine/ledger/ledger.ts";
import type { NodeKind } from "../../engine/task.ts";
import { computedNodeOf } from "../../engine/cli/progress_log.ts";
import { cpuMsAt, type OutputLine, type ProcessUsage } from "../process_monitor.ts";

export interface StageEnd {
  /** The stage's last computed node to finish. */
  node: string;
  /** ms after the run's process was spawned. */
  atMs: number;
  /** Computed nodes of the stage. */
  computed: number;
}

/**
 * When the last computed node of `kind` finished. Throws when the run computed none (a
 * cached run: use an empty store) or when a computed node has no `done` line (the run was
 * not started with `--plain`, or its output was not the one monitored).
 */
export function lastComputedFinish(
  entry: LedgerEntry,
  lines: OutputLine[],
  kind: NodeKind = "train",
): StageEnd {
  const computed = entry.nodes.filter((node) => node.kind === kind && node.outcome === "miss");
  if (computed.length === 0) {
    throw new Error(
      `run ${entry.runId} of ${entry.pipeline} computed no ${kind} node (all cached?): ` +
        "measure a run into an empty store",
    );
  }
  const finished = new Map<string, number>();
  for (const line of lines) {
    const node = line.stream === "stderr" ? computedNodeOf(line.text) : null;
    if (node !== null) finished.set(node, line.atMs);
  }
  let last: StageEnd | null = null;
  for (const node of computed) {
    const atMs = finished.get(node.id);
    if (atMs === undefined) {
      throw new Error(
        `run ${entry.runId}: no "done ${node.id} in …" line in the monitored output; ` +
          "run the pipeline with --plain and monitor that run",
      );
    }
    if (last === null || atMs > last.atMs) last = { node: node.id, atMs, computed: 0 };
  }
  return { ...last!, computed: computed.length };
}

/** Average cores busy (CPU time / wall time) over [spawn, `untilMs`]. */
export function coresBusy(usage: ProcessUsage, untilMs: number): number {
  if (!(untilMs > 0)) throw new Error(`coresBusy: the window must end after the spawn`);
  return cpuMsAt(usage, untilMs) / untilMs;
}
