/**
 * Planning: walks the graph in order and decides, for each selected node, whether it is
 * FRESH (its key is in the store and its output verifies), STALE (it was materialized
 * before under different key components) or MISSING (never materialized, or its output
 * was collected or found corrupt), with the causes and the root-cause nodes. A node whose
 * upstream must recompute has no key yet: it is STALE or MISSING until the run knows
 * whether the upstream output actually changed. Each node that is not FRESH says whether it
 * WILL recompute (a cause of its own: params, code, seed, a changed upstream output, never
 * computed, forced) or only MAY (its only cause is an upstream that has yet to recompute:
 * if that output comes out identical, the node stays cached).
 */
import { type Cause, changedInputs, ownCauses } from "../keys/causes.ts";
import type { GraphNode, PipelineGraph } from "../declare/graph.ts";
import type { KeyComponents, KeyRecord } from "../keys/key_record.ts";
import { inputComponents, keyOf, type StaticComponents } from "../keys/keys.ts";
import type { Manifests } from "../store/manifests.ts";
import { summarizeNodes } from "../declare/node_names.ts";
import { CorruptEntryError, type Store } from "../store/store.ts";
import type { VerifiedObjects } from "../store/verified.ts";

export type NodeStatus = "fresh" | "stale" | "missing";
/** "will": recomputes for sure; "may": only if an upstream output comes out different. */
export type Recompute = "will" | "may";

export interface NodePlan {
  node: GraphNode;
  status: NodeStatus;
  /** Null for a fresh node. */
  recompute: Recompute | null;
  /** Null while an upstream node still has to recompute. */
  key: string | null;
  components: KeyComponents | null;
  record: KeyRecord | null;
  causes: Cause[];
  rootCauses: string[];
}

export interface PlanContext {
  graph: PipelineGraph;
  store: Store;
  verified: VerifiedObjects;
  manifests: Manifests;
  statics: Map<string, StaticComponents>;
  /** Expansion ids to recompute even when cached (`--force`). */
  force: Set<string>;
  /** Expansion ids the run covers (`--only` and what it needs); all by default. */
  targets: Set<string>;
}

export interface Plan {
  nodes: NodePlan[];
  byId: Map<string, NodePlan>;
  /** Corrupt entries found (and removed) while planning, one line each. */
  problems: string[];
}

/** Looks a key up and verifies its object; corrupt entries are removed and reported. */
export function lookupKey(
  context: Pick<PlanContext, "store" | "verified">,
  key: string,
  nodeId: string,
  problems: string[],
): KeyRecord | null {
  let record: KeyRecord | null;
  try {
    record = context.store.readKey(key);
  } catch (error) {
    if (!(error instanceof CorruptEntryError)) throw error;
    problems.push(`${error.message} (node ${nodeId}); it will be recomputed`);
    return null;
  }
  if (!record) return null;
  const state = context.verified.check(record.outputHash, record.size);
  if (state === "ok") return record;
  const object = context.store.entryName(context.store.objectPath(record.outputHash));
  if (state === "corrupt") {
    problems.push(
      `corrupt store entry ${object} (node ${nodeId}): content does not match its hash; ` +
        "removed, it will be recomputed",
    );
  } else if (state === "wrong-size") {
    const actual = context.store.statObject(record.outputHash)?.size;
    problems.push(
      `corrupt key record ${context.store.entryName(context.store.keyPath(key))} ` +
        `(node ${nodeId}): it says its output ${object} has ${record.size} bytes, but that ` +
        `object has ${actual} bytes and matches its hash; the object is kept, the record ` +
        "removed and the node recomputed",
    );
  }
  context.store.discardEntry(key);
  return null;
}

export function planRun(context: PlanContext): Plan {
  const { graph } = context;
  const outputHashes = new Map<string, string>();
  const nodes: NodePlan[] = [];
  const byId = new Map<string, NodePlan>();
  const problems: string[] = [];
  for (const node of graph.nodes) {
    if (!context.targets.has(node.id)) continue;
    const entry = planNode(context, node, outputHashes, byId, problems);
    if (entry.status === "fresh") outputHashes.set(node.id, entry.record!.outputHash);
    nodes.push(entry);
    byId.set(node.id, entry);
  }
  return { nodes, byId, problems };
}

function planNode(
  context: PlanContext,
  node: GraphNode,
  outputHashes: Map<string, string>,
  planned: Map<string, NodePlan>,
  problems: string[],
): NodePlan {
  const statics = context.statics.get(node.id)!;
  const manifest = context.manifests.get(node.id);
  const inputs = inputComponents(context.graph, node, outputHashes);
  const forced = context.force.has(node.id);
  const causes: Cause[] = forced ? [{ kind: "forced", detail: "forced (--force)" }] : [];
  let key: string | null = null;
  let components: KeyComponents | null = null;
  let record: KeyRecord | null = null;
  if (inputs) {
    components = { ...statics, inputs };
    key = keyOf(components);
    record = lookupKey(context, key, node.id, problems);
    if (record && !forced) {
      return {
        node,
        status: "fresh",
        recompute: null,
        key,
        components,
        record,
        causes: [],
        rootCauses: [],
      };
    }
  }
  const upstreamOf = (name: string) => {
    const binding = node.inputs[name];
    return binding ? (binding.kind === "one" ? [binding.node] : binding.nodes) : [];
  };
  let status: NodeStatus = "missing";
  if (manifest) {
    causes.push(...ownCauses(manifest.components, statics));
    if (inputs) {
      const changed = changedInputs(manifest.components.inputs, inputs, upstreamOf);
      if (changed.length) {
        const detail = `${summarizeNodes(context.graph, changed)} changed`;
        causes.push({ kind: "upstream", detail, nodes: changed });
      }
    }
    // A forced node whose output is stored is stale (recomputed anyway), not missing.
    status = key !== null && manifest.key === key && !record ? "missing" : "stale";
    if (status === "missing") {
      causes.push({ kind: "missing", detail: "output was collected or found corrupt" });
    }
  }
  if (!inputs && manifest) {
    const pending = node.upstream.filter((id) => planned.get(id)?.status !== "fresh");
    causes.push({
      kind: "upstream",
      detail: pendingDetail(context.graph, pending, planned),
      nodes: pending,
    });
  }
  if (!manifest && record) status = "stale";
  else if (!manifest) causes.push({ kind: "new", detail: "never computed" });
  if (manifest && causes.length === 0) {
    causes.push({ kind: "missing", detail: "no stored output for this key" });
  }
  // Only an upstream that has yet to recompute: the node runs if that output changes.
  const recompute = !inputs && manifest && causes.every((cause) => cause.kind === "upstream")
    ? "may"
    : "will";
  return {
    node,
    status,
    recompute,
    key,
    components,
    record,
    causes,
    rootCauses: rootCausesOf(node.id, causes, planned),
  };
}

function pendingDetail(
  graph: PlanContext["graph"],
  pending: string[],
  planned: Map<string, NodePlan>,
): string {
  const will = pending.filter((id) => planned.get(id)?.recompute !== "may");
  const may = pending.filter((id) => planned.get(id)?.recompute === "may");
  return [
    ...(will.length ? [`${summarizeNodes(graph, will)} will recompute`] : []),
    ...(may.length ? [`${summarizeNodes(graph, may)} may recompute`] : []),
  ].join(", ");
}

function rootCausesOf(id: string, causes: Cause[], planned: Map<string, NodePlan>): string[] {
  const roots = new Set<string>();
  for (const cause of causes) {
    if (cause.kind !== "upstream") {
      roots.add(id);
      continue;
    }
    for (const upstream of cause.nodes ?? []) {
      const upstreamRoots = planned.get(upstream)?.rootCauses ?? [];
      for (const root of upstreamRoots.length ? upstreamRoots : [upstream]) roots.add(root);
    }
  }
  return [...roots];
}
