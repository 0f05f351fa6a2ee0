/**
 * Two runs side by side: the settings that differ (seed, backend, commit, overrides), the
 * parameters each node ran with that differ (as stale causes word them), the nodes only one
 * run has, the headline metrics of both, and the nodes whose outputs differ.
 */
import { valueDiff } from "../keys/value_diff.ts";
import type { LedgerEntry } from "./ledger.ts";

export interface RunComparison {
  a: LedgerEntry;
  b: LedgerEntry;
  settings: Array<{ name: string; a: string; b: string }>;
  /** Per node in both runs whose parameters differ: one line per change. */
  params: Array<{ node: string; changes: string[] }>;
  onlyA: string[];
  onlyB: string[];
  metrics: Array<{ name: string; a: number | null; b: number | null }>;
  /** Nodes in both runs whose output hashes differ; `sameOutputs` counts the others. */
  changedOutputs: string[];
  sameOutputs: number;
}

export function compareRuns(a: LedgerEntry, b: LedgerEntry): RunComparison {
  const commit = (entry: LedgerEntry) =>
    entry.git.commit ? `${entry.git.commit.slice(0, 8)}${entry.git.dirty ? "*" : ""}` : "-";
  const settings = [
    { name: "pipeline", a: a.pipeline, b: b.pipeline },
    { name: "status", a: a.status, b: b.status },
    { name: "seed", a: String(a.seed), b: String(b.seed) },
    { name: "backend", a: a.backend, b: b.backend },
    { name: "commit", a: commit(a), b: commit(b) },
    { name: "tfjs", a: a.tfjs ?? "-", b: b.tfjs ?? "-" },
    { name: "overrides", a: a.overrides.join(" ") || "-", b: b.overrides.join(" ") || "-" },
  ].filter((setting) => setting.a !== setting.b);
  const nodesB = new Map(b.nodes.map((node) => [node.id, node]));
  const idsA = new Set(a.nodes.map((node) => node.id));
  const params: RunComparison["params"] = [];
  const changedOutputs: string[] = [];
  let sameOutputs = 0;
  for (const node of a.nodes) {
    const other = nodesB.get(node.id);
    if (!other) continue;
    const changes = valueDiff(node.params, other.params);
    if (changes.length) params.push({ node: node.id, changes });
    if (node.outputHash && other.outputHash) {
      if (node.outputHash === other.outputHash) sameOutputs++;
      else changedOutputs.push(node.id);
    }
  }
  const names = [...new Set([...Object.keys(a.metrics), ...Object.keys(b.metrics)])];
  return {
    a,
    b,
    settings,
    params,
    onlyA: a.nodes.filter((node) => !nodesB.has(node.id)).map((node) => node.id),
    onlyB: b.nodes.filter((node) => !idsA.has(node.id)).map((node) => node.id),
    metrics: names.map((name) => ({
      name,
      a: a.metrics[name] ?? null,
      b: b.metrics[name] ?? null,
    })),
    changedOutputs,
    sameOutputs,
  };
}
