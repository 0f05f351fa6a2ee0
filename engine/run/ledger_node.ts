/** A node's line in the ledger entry of a run, from its result. */
import type { GraphNode } from "../declare/graph.ts";
import type { LedgerNode } from "../ledger/ledger.ts";
import type { NodeResult } from "./node_result.ts";

export function ledgerNode(
  result: NodeResult,
  cause: string,
  report?: { folder: string },
  epochs?: number,
): LedgerNode {
  const node: GraphNode = result.node;
  return {
    id: node.id,
    group: node.group,
    kind: node.kind,
    task: node.task.name,
    coords: node.coords,
    key: result.key,
    params: node.params,
    outcome: result.outcome,
    ms: result.ms,
    ...(result.outcome === "hit" && result.record
      ? {
        cached: { runId: result.record.runId, at: result.record.createdAt, ms: result.record.ms },
      }
      : {}),
    outputHash: result.record?.outputHash ?? null,
    warnings: result.warnings,
    metrics: result.metrics,
    ...(result.outcome === "miss" && cause ? { cause } : {}),
    ...(result.outcome === "miss" && epochs ? { epochs } : {}),
    ...(result.reason ? { error: result.reason } : {}),
    ...(report ? { report: report.folder } : {}),
  };
}
