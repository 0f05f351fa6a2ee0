/** The outcome of one node in a run, as the executor reports it and the ledger records it. */
import type { GraphNode } from "../declare/graph.ts";
import type { KeyRecord } from "../keys/key_record.ts";

export type NodeOutcome = "hit" | "miss" | "failed" | "skipped" | "interrupted";

export interface NodeResult {
  node: GraphNode;
  outcome: NodeOutcome;
  key: string | null;
  record: KeyRecord | null;
  ms: number;
  warnings: string[];
  metrics: Record<string, number>;
  /** Why it was skipped, or the error it failed with. */
  reason?: string;
  /** A report node's encoded output (hit or miss), verified, for publishing. */
  output?: Uint8Array;
}

export function cachedResult(node: GraphNode, record: KeyRecord): NodeResult {
  return {
    node,
    outcome: "hit",
    key: record.key,
    record,
    ms: 0,
    warnings: record.warnings ?? [],
    metrics: record.metrics ?? {},
  };
}

export function emptyResult(node: GraphNode, outcome: NodeOutcome, reason: string): NodeResult {
  return { node, outcome, key: null, record: null, ms: 0, warnings: [], metrics: {}, reason };
}
