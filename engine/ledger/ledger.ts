/**
 * The run ledger: `.finfusion/ledger.jsonl`, one JSON line appended per run (append-only;
 * each line is written with a single append under the store lock). A line torn by a
 * process killed while appending is skipped (and reported) by readers, and the next
 * append starts on a fresh line instead of gluing onto it. Runs that started but never
 * recorded their end (killed by SIGKILL, a crash) left a start record (`run_starts.ts`) and
 * are read here with the status "unfinished".
 */
import { join } from "node:path";
import { startRecords } from "./run_starts.ts";
import type { NodeKind } from "../task.ts";
import type { NodeOutcome } from "../run/executor.ts";
import type { GitState } from "./run_info.ts";

export interface LedgerNode {
  id: string;
  group: string;
  kind: NodeKind;
  task: string;
  coords: Record<string, string>;
  key: string | null;
  params: unknown;
  /** "hit": the output came from the store, computed by an earlier run (see `cached`). */
  outcome: NodeOutcome;
  /** Time this run spent computing the node: 0 for a hit, whose compute time is in `cached`. */
  ms: number;
  /** For a hit: the run that computed the output, when, and how long the compute took then. */
  cached?: { runId: string; at: string; ms: number };
  outputHash: string | null;
  warnings: string[];
  metrics: Record<string, number>;
  /** For a computed node that reported epochs: the last one (after early stopping). */
  epochs?: number;
  /** Why a computed node was stale (as `status` would say). */
  cause?: string;
  error?: string;
  report?: string;
}

export interface LedgerEntry {
  runId: string;
  pipeline: string;
  file: string;
  /** "unfinished": the run started but never recorded its end (see `run_starts.ts`). */
  status: "ok" | "failed" | "interrupted" | "unfinished";
  startedAt: string;
  /** For an unfinished run, which has no end: its start (and `ms` 0). */
  finishedAt: string;
  ms: number;
  argv: string[];
  git: GitState;
  deno: string;
  tfjs: string | null;
  backend: string;
  seed: number;
  jobs: number;
  overrides: string[];
  hits: number;
  misses: number;
  nodes: LedgerNode[];
  /** Headline metrics of evaluate and report nodes (name, or `node/name` on a clash). */
  metrics: Record<string, number>;
}

/** What is known of a run when it starts: a ledger entry without its end. */
export type RunStart = Omit<LedgerEntry, keyof RunEnd>;

/** What a run adds to its start when it ends. */
export type RunEnd = Pick<
  LedgerEntry,
  "status" | "finishedAt" | "ms" | "hits" | "misses" | "nodes" | "metrics"
>;

/** A run's ledger entry, its fields in the ledger's order. */
export function ledgerEntry(start: RunStart, end: RunEnd): LedgerEntry {
  const { runId, pipeline, file, startedAt, ...environment } = start;
  const { status, finishedAt, ms, ...counts } = end;
  return { runId, pipeline, file, status, startedAt, finishedAt, ms, ...environment, ...counts };
}

export function ledgerPath(stateDir: string): string {
  return join(stateDir, "ledger.jsonl");
}

/** Appends one line; after a torn last line (no newline at its end) it starts a fresh one. */
export function appendLedger(stateDir: string, entry: LedgerEntry): void {
  Deno.mkdirSync(stateDir, { recursive: true });
  const path = ledgerPath(stateDir);
  const line = `${JSON.stringify(entry)}\n`;
  Deno.writeTextFileSync(path, endsMidLine(path) ? `\n${line}` : line, { append: true });
}

function endsMidLine(path: string): boolean {
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path, { read: true });
  } catch {
    return false;
  }
  try {
    if (file.statSync().size === 0) return false;
    file.seekSync(-1, Deno.SeekMode.End);
    const last = new Uint8Array(1);
    file.readSync(last);
    return last[0] !== 0x0a;
  } finally {
    file.close();
  }
}

/**
 * Every entry, oldest first, then the unfinished runs; unreadable lines (a torn line left
 * by a killed append, say) are skipped and reported with their line number.
 */
export function readLedger(stateDir: string): { entries: LedgerEntry[]; problems: string[] } {
  const entries: LedgerEntry[] = [];
  const problems: string[] = [];
  let text = "";
  try {
    text = Deno.readTextFileSync(ledgerPath(stateDir));
  } catch {
    // No run finished yet.
  }
  text.split("\n").forEach((line, index) => {
    if (!line.trim()) return;
    try {
      entries.push(JSON.parse(line) as LedgerEntry);
    } catch {
      problems.push(
        `${ledgerPath(stateDir)}:${index + 1}: unreadable line skipped (torn by a killed write?)`,
      );
    }
  });
  const unfinished = startRecords(stateDir).map(({ start }) => unfinishedEntry(start));
  return { entries: [...entries, ...unfinished], problems };
}

/** The entry of a run known only by its start record: no end, no nodes. */
function unfinishedEntry(start: RunStart): LedgerEntry {
  return ledgerEntry(start, {
    status: "unfinished",
    finishedAt: start.startedAt,
    ms: 0,
    hits: 0,
    misses: 0,
    nodes: [],
    metrics: {},
  });
}

/**
 * Appends every run whose start record was left behind to the ledger as unfinished and
 * removes the records; returns their ids. Call it holding the store lock: no run that
 * wrote one of those records is then alive.
 */
export function settleUnfinishedRuns(stateDir: string): string[] {
  const settled: string[] = [];
  for (const { path, start } of startRecords(stateDir)) {
    appendLedger(stateDir, unfinishedEntry(start));
    Deno.removeSync(path);
    settled.push(start.runId);
  }
  return settled;
}

/**
 * The run's headline metrics from the nodes whose task declares them (`Task.headline`): a
 * name recorded by two nodes keeps the first node's value and is prefixed by the others' ids.
 */
export function headlineMetrics(nodes: LedgerNode[]): Record<string, number> {
  const metrics: Record<string, number> = {};
  const owners = new Map<string, string>();
  for (const node of nodes) {
    for (const [name, value] of Object.entries(node.metrics)) {
      const owner = owners.get(name);
      if (owner === undefined) {
        metrics[name] = value;
        owners.set(name, node.id);
      } else {
        metrics[`${node.id}/${name}`] = value;
      }
    }
  }
  return metrics;
}
