/**
 * Executes a plan: runs stale nodes as soon as their inputs' output hashes are known, up
 * to `jobs` at a time. A node whose upstream recomputed to identical bytes finds its key
 * in the store and stays cached. A failure skips everything downstream of the failed node
 * and lets independent nodes finish. An input found corrupt when read is removed and its
 * node recomputed before the consumer runs. A cached report node's output is read (and so
 * verified) here, since the run publishes it: a corrupt one is recomputed.
 */
import type { EventSink } from "./events.ts";
import type { GraphNode, PipelineGraph } from "../declare/graph.ts";
import { downstreamOf } from "../declare/graph.ts";
import type { KeyComponents, KeyRecord } from "../keys/key_record.ts";
import { inputComponents, keyOf, type StaticComponents } from "../keys/keys.ts";
import type { Manifests } from "../store/manifests.ts";
import { lookupKey, type Plan } from "./plan.ts";
import { CorruptEntryError, MissingEntryError, type Store } from "../store/store.ts";
import type { VerifiedObjects } from "../store/verified.ts";
import type { ContextData } from "./worker_protocol.ts";
import { computeNode } from "./compute_node.ts";
import { loadInputs } from "./input_loader.ts";
import { cachedResult, emptyResult, type NodeResult } from "./node_result.ts";
import { writesReport } from "../task.ts";
import type { NodeRunRequest } from "./node_runner.ts";
import type { WorkerPool } from "./worker_pool.ts";

export type { NodeOutcome, NodeResult } from "./node_result.ts";

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
  /** Fail a node still running after this long (`--node-timeout`); null or absent: no limit. */
  nodeTimeoutMs?: number | null;
  /** Runs a node's task somewhere else (`--queue`); absent: here, with `runNode`. */
  runner?: NodeRunner;
  /** The run's task Workers, kept between nodes; absent: a fresh Worker per node. */
  workers?: WorkerPool;
}

/** Runs one node's task and returns its encoded output, as {@link runNode} does. */
export type NodeRunner = (
  request: NodeRunRequest,
  node: GraphNode,
  components: KeyComponents,
) => Promise<Uint8Array>;

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
  /** A cached result, or null when it is a report whose stored output is corrupt. */
  const cachedOf = (node: GraphNode, record: KeyRecord): NodeResult | null => {
    const result = cachedResult(node, record);
    if (!writesReport(node.task)) return result;
    try {
      result.output = options.store.readObject(record.outputHash);
    } catch (error) {
      if (!(error instanceof CorruptEntryError || error instanceof MissingEntryError)) throw error;
      options.store.discardEntry(record.key);
      sink.emit({
        type: "warn",
        node: node.id,
        message: `${error.message}; recomputing the report`,
      });
      return null;
    }
    options.verified.mark(record.outputHash);
    return result;
  };
  for (const entry of plan.nodes) {
    const cached = entry.status === "fresh" ? cachedOf(entry.node, entry.record!) : null;
    if (cached) settle(cached, entry.components);
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
      const record = options.force.has(node.id) ? null : lookupKey(options, key, node.id, problems);
      for (const problem of problems) sink.emit({ type: "warn", node: node.id, message: problem });
      const cached = record && cachedOf(node, record);
      if (cached) {
        queue.delete(node.id);
        release(node.id);
        settle(cached, components);
        sink.emit({ type: "done", node: node.id, ms: 0, cached: true, note: "upstream unchanged" });
        continue;
      }
      const loaded = loadInputs(node, hashes, memory, options);
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
      const job = computeNode(node, key, components, loaded.inputs, options).then(
        ({ result, bytes }) => {
          if (bytes && writesReport(node.task)) result.output = bytes;
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
