/**
 * Computes one node: runs its task (inline, in a Worker, or through the job queue), checks
 * a report's shape, stores the output object and then its key record, and warns when a
 * forced recompute of the same key produced different bytes (a non-deterministic task).
 */
import { decodeArtifact } from "../store/codec.ts";
import { failureDetail } from "./failure.ts";
import type { ExecuteOptions } from "./executor.ts";
import type { GraphNode } from "../declare/graph.ts";
import type { KeyComponents } from "../keys/key_record.ts";
import { emptyResult, type NodeResult } from "./node_result.ts";
import { type NodeRunRequest, runNode, TaskFailure } from "./node_runner.ts";
import { recordFor } from "../keys/record_builder.ts";
import { checkReportFiles } from "../store/report_output.ts";
import type { EncodedInput } from "./worker_protocol.ts";
import { writesReport } from "../task.ts";

export async function computeNode(
  node: GraphNode,
  key: string,
  components: KeyComponents,
  inputs: Record<string, EncodedInput>,
  options: ExecuteOptions,
): Promise<{ result: NodeResult; bytes?: Uint8Array }> {
  const { sink } = options;
  const warnings: string[] = [];
  const metrics: Record<string, number> = {};
  const startedAt = performance.now();
  try {
    const run = options.runner
      ? (request: NodeRunRequest) => options.runner!(request, node, components)
      : runNode;
    const bytes = await run({
      task: node.task,
      inputs,
      params: node.params,
      context: { ...options.contextFor(node), key },
      signal: options.signal,
      timeoutMs: options.nodeTimeoutMs,
      workers: options.workers,
      onProgress: (update) => sink.emit({ type: "progress", node: node.id, update }),
      onWarn: (message) => {
        warnings.push(message);
        sink.emit({ type: "warn", node: node.id, message });
      },
      onMetric: (name, value) => {
        metrics[name] = value;
      },
    });
    const ms = Math.round(performance.now() - startedAt);
    if (writesReport(node.task)) {
      const problem = checkReportFiles(decodeArtifact(bytes));
      if (problem) throw new TaskFailure(problem);
    }
    const outputHash = options.store.putObject(bytes);
    options.verified.mark(outputHash);
    const previous = options.plan.byId.get(node.id)?.record;
    if (previous && previous.key === key && previous.outputHash !== outputHash) {
      const message = "non-deterministic output: recomputing the same key gave different bytes";
      warnings.push(message);
      sink.emit({ type: "warn", node: node.id, message });
    }
    const record = recordFor({
      node,
      key,
      components,
      outputHash,
      size: bytes.length,
      ms,
      warnings,
      metrics,
      runId: options.runId,
      pipeline: options.graph.name,
      root: options.root,
    });
    options.store.putKey(record);
    sink.emit({ type: "done", node: node.id, ms, cached: false });
    return { result: { node, outcome: "miss", key, record, ms, warnings, metrics }, bytes };
  } catch (error) {
    const ms = Math.round(performance.now() - startedAt);
    if (options.signal.aborted) {
      return { result: { ...emptyResult(node, "interrupted", "interrupted"), ms } };
    }
    const failure = error instanceof TaskFailure ? error.detail : failureDetail(error);
    sink.emit({
      type: "failed",
      node: node.id,
      error: failure.message,
      ...(failure.stack === null ? {} : { stack: failure.stack }),
      unexpected: failure.unexpected,
    });
    return {
      result: {
        node,
        outcome: "failed",
        key,
        record: null,
        ms,
        warnings,
        metrics,
        reason: failure.message,
      },
    };
  }
}
