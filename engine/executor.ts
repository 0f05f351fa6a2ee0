/**
 * Executes a plan: runs stale nodes as soon as their inputs' output hashes are known, up
 * to `jobs` at a time. A node whose upstream recomputed to identical bytes finds its key
 * in the store and stays cached. A failure skips everything downstream of the failed node
 * and lets independent nodes finish. An input found corrupt when read is removed and its
 * node recomputed before the consumer runs.
 */
import type { EventSink } from "./events.ts";
import type { GraphNode, PipelineGraph } from "./graph.ts";
import { downstreamOf } from "./graph.ts";
import type { KeyComponents, KeyRecord } from "./key_record.ts";
import { inputComponents, keyOf, type StaticComponents } from "./keys.ts";
import type { Manifests } from "./manifests.ts";
import { runNode, TaskFailure } from "./node_runner.ts";
import { lookupKey, type Plan } from "./plan.ts";
import { CorruptEntryError, MissingEntryError, type Store } from "./store.ts";
import type { VerifiedObjects } from "./verified.ts";
import type { ContextData, EncodedInput } from "./worker_protocol.ts";
import { recordFor } from "./record_builder.ts";
import { checkReportFiles } from "./report_output.ts";
import { decodeArtifact } from "./codec.ts";

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
}

export interface ExecuteOptions {
  graph: PipelineGraph;
  plan: Plan;
  store: Store;
  verified: VerifiedObjects;
  manifests: Manifests;
  statics: Map<string, StaticComponents>;
  force: Set<string>;
  jobs: number;
  runId: string;
  root: string;
  contextFor(node: GraphNode): ContextData;
  sink: EventSink;
  signal: AbortSignal;
}

export async function execute(options: ExecuteOptions): Promise<Map<string, NodeResult>> {
  const { graph, plan, sink } = options;
  const results = new Map<string, NodeResult>();
  const hashes = new Map<string, string>();
  const memory = new Map<string, Uint8Array>();
  const repairs = new Map<string, number>();
  const queue = new Set<string>();
  const settle = (result: NodeResult, components: KeyComponents | null) => {
    results.set(result.node.id, result);
    if (result.record && components && (result.outcome === "hit" || result.outcome === "miss")) {
      hashes.set(result.node.id, result.record.outputHash);
      options.manifests.set(result.node.id, {
        key: result.record.key,
        outputHash: result.record.outputHash,
        components,
        at: new Date().toISOString(),
      });
    }
  };
  for (const entry of plan.nodes) {
    if (entry.status === "fresh") settle(cachedResult(entry.node, entry.record!), entry.components);
    else queue.add(entry.node.id);
  }
  const total = queue.size;
  // Outputs produced in this run stay in memory until their last queued consumer starts.
  const consumers = new Map<string, number>();
  for (const id of queue) {
    for (const upstream of graph.byId.get(id)!.upstream) {
      consumers.set(upstream, (consumers.get(upstream) ?? 0) + 1);
    }
  }
  const release = (id: string) => {
    for (const upstream of graph.byId.get(id)!.upstream) {
      const left = (consumers.get(upstream) ?? 1) - 1;
      consumers.set(upstream, left);
      if (left <= 0) memory.delete(upstream);
    }
  };
  let started = 0;
  const running = new Map<string, Promise<void>>();
  const skipDownstream = (id: string, reason: string) => {
    for (const downstream of downstreamOf(graph, [id])) {
      if (!queue.delete(downstream)) continue;
      release(downstream);
      const node = graph.byId.get(downstream)!;
      settle(emptyResult(node, "skipped", reason), null);
      sink.emit({ type: "skipped", node: downstream, reason });
    }
  };
  while (queue.size > 0 || running.size > 0) {
    for (const node of graph.nodes) {
      if (options.signal.aborted || running.size >= options.jobs) break;
      if (!queue.has(node.id) || !node.upstream.every((id) => hashes.has(id))) continue;
      const components: KeyComponents = {
        ...options.statics.get(node.id)!,
        inputs: inputComponents(graph, node, hashes)!,
      };
      const key = keyOf(components);
      const problems: string[] = [];
      const cached = options.force.has(node.id) ? null : lookupKey(options, key, node.id, problems);
      for (const problem of problems) sink.emit({ type: "warn", node: node.id, message: problem });
      if (cached) {
        queue.delete(node.id);
        release(node.id);
        settle(cachedResult(node, cached), components);
        sink.emit({ type: "done", node: node.id, ms: 0, cached: true, note: "upstream unchanged" });
        continue;
      }
      const loaded = loadInputs(node, graph, hashes, memory, options);
      if ("broken" in loaded) {
        const count = (repairs.get(loaded.broken) ?? 0) + 1;
        repairs.set(loaded.broken, count);
        sink.emit({ type: "warn", node: loaded.broken, message: loaded.message });
        if (count > 1) throw new Error(`${loaded.message} (again after recomputing; giving up)`);
        hashes.delete(loaded.broken);
        results.delete(loaded.broken);
        queue.add(loaded.broken);
        continue;
      }
      queue.delete(node.id);
      started++;
      sink.emit({
        type: "start",
        node: node.id,
        reason: options.plan.byId.get(node.id)?.status ?? "stale",
        index: started,
        total,
      });
      release(node.id);
      const job = runOne(node, key, components, loaded.inputs, options).then(
        ({ result, bytes }) => {
          settle(result, components);
          if (bytes && (consumers.get(node.id) ?? 0) > 0) memory.set(node.id, bytes);
          if (result.outcome === "failed") skipDownstream(node.id, `upstream ${node.id} failed`);
          if (result.outcome === "interrupted") skipDownstream(node.id, "run interrupted");
        },
      ).finally(() => running.delete(node.id));
      running.set(node.id, job);
    }
    if (options.signal.aborted) {
      for (const id of [...queue]) {
        queue.delete(id);
        release(id);
        settle(emptyResult(graph.byId.get(id)!, "interrupted", "run interrupted"), null);
      }
    }
    if (running.size === 0) {
      if (queue.size > 0) throw new Error(`cannot schedule: ${[...queue].join(", ")}`);
      break;
    }
    await Promise.race(running.values());
  }
  return results;
}

function loadInputs(
  node: GraphNode,
  graph: PipelineGraph,
  hashes: Map<string, string>,
  memory: Map<string, Uint8Array>,
  options: ExecuteOptions,
):
  | { inputs: Record<string, EncodedInput> }
  | { broken: string; message: string } {
  const read = (id: string): Uint8Array => {
    const inMemory = memory.get(id);
    if (inMemory) return inMemory;
    const bytes = options.store.readObject(hashes.get(id)!);
    options.verified.mark(hashes.get(id)!);
    return bytes;
  };
  const bytesOf = new Map<string, Uint8Array>();
  for (const id of node.upstream) {
    try {
      bytesOf.set(id, read(id));
    } catch (error) {
      if (!(error instanceof CorruptEntryError || error instanceof MissingEntryError)) throw error;
      const key = options.plan.byId.get(id)?.key;
      if (key) options.store.discardEntry(key);
      return { broken: id, message: `${error.message} (output of ${id}); recomputing ${id}` };
    }
  }
  const inputs: Record<string, EncodedInput> = {};
  for (const [name, binding] of Object.entries(node.inputs)) {
    inputs[name] = binding.kind === "one"
      ? bytesOf.get(binding.node)!
      : binding.nodes.map((id) => ({
        id,
        coords: graph.byId.get(id)!.coords,
        bytes: bytesOf.get(id)!,
      }));
  }
  return { inputs };
}

async function runOne(
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
    const bytes = await runNode({
      task: node.task,
      inputs,
      params: node.params,
      context: options.contextFor(node),
      signal: options.signal,
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
    if (node.kind === "report") {
      const problem = checkReportFiles(decodeArtifact(bytes));
      if (problem) throw new TaskFailure(problem, null);
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
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof TaskFailure ? error.taskStack : (error as Error).stack;
    sink.emit({ type: "failed", node: node.id, error: stack ?? message });
    return {
      result: {
        node,
        outcome: "failed",
        key,
        record: null,
        ms,
        warnings,
        metrics,
        reason: message,
      },
    };
  }
}

function cachedResult(node: GraphNode, record: KeyRecord): NodeResult {
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

function emptyResult(node: GraphNode, outcome: NodeOutcome, reason: string): NodeResult {
  return { node, outcome, key: null, record: null, ms: 0, warnings: [], metrics: {}, reason };
}
