/**
 * The run ledger: `.finfusion/ledger.jsonl`, one JSON line appended per run (append-only;
 * each line is written with a single append under the store lock).
 */
import { join } from "node:path";
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
  /** Why a computed node was stale (as `status` would say). */
  cause?: string;
  error?: string;
  report?: string;
}

export interface LedgerEntry {
  runId: string;
  pipeline: string;
  file: string;
  status: "ok" | "failed" | "interrupted";
  startedAt: string;
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

export function ledgerPath(stateDir: string): string {
  return join(stateDir, "ledger.jsonl");
}

export function appendLedger(stateDir: string, entry: LedgerEntry): void {
  Deno.mkdirSync(stateDir, { recursive: true });
  Deno.writeTextFileSync(ledgerPath(stateDir), `${JSON.stringify(entry)}\n`, { append: true });
}

/** Every entry, oldest first; unreadable lines are reported with their line number. */
export function readLedger(stateDir: string): { entries: LedgerEntry[]; problems: string[] } {
  let text: string;
  try {
    text = Deno.readTextFileSync(ledgerPath(stateDir));
  } catch {
    return { entries: [], problems: [] };
  }
  const entries: LedgerEntry[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((line, index) => {
    if (!line.trim()) return;
    try {
      entries.push(JSON.parse(line) as LedgerEntry);
    } catch {
      problems.push(`${ledgerPath(stateDir)}:${index + 1}: unreadable line skipped`);
    }
  });
  return { entries, problems };
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
