/** Builds the key record stored for a computed node. */
import type { GraphNode } from "../declare/graph.ts";
import type { KeyComponents, KeyRecord } from "./key_record.ts";
import { fromFileUrl, relativeTo } from "../store/paths.ts";

export interface RecordInput {
  node: GraphNode;
  key: string;
  components: KeyComponents;
  outputHash: string;
  size: number;
  ms: number;
  warnings: string[];
  metrics: Record<string, number>;
  runId: string;
  pipeline: string;
  root: string;
}

export function recordFor(input: RecordInput): KeyRecord {
  const { node } = input;
  const module = node.task.module.startsWith("file:")
    ? relativeTo(input.root, fromFileUrl(node.task.module))
    : node.task.module;
  return {
    key: input.key,
    outputHash: input.outputHash,
    size: input.size,
    pipeline: input.pipeline,
    nodeId: node.id,
    group: node.group,
    coords: node.coords,
    module,
    inputNodes: Object.fromEntries(
      Object.entries(node.inputs).map((
        [name, binding],
      ) => [name, binding.kind === "one" ? binding.node : binding.nodes]),
    ),
    components: input.components,
    runId: input.runId,
    createdAt: new Date().toISOString(),
    ms: input.ms,
    warnings: input.warnings,
    metrics: input.metrics,
  };
}
