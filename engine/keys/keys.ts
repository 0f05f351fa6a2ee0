/**
 * Cache keys: SHA-256 over the canonical JSON of {@link KeyComponents}. The parts that do
 * not depend on upstream outputs (params, code, npm versions, the seed of a `seeded` task,
 * backend, fingerprint)
 * are computed once per run; code and npm versions are the union over the task module and
 * the implementation modules it names for the node's parameters. The input hashes are filled
 * in as upstream outputs become known, so an upstream that recomputes to identical bytes
 * leaves downstream keys unchanged.
 */
import { canonicalJson } from "./canonical.ts";
import type { PipelineGraph } from "../declare/graph.ts";
import type { GraphNode } from "../declare/graph.ts";
import { sha256Hex } from "./hash.ts";
import { type GatheredHash, KEY_FORMAT_VERSION, type KeyComponents } from "./key_record.ts";
import type { ModuleClosure } from "./modgraph.ts";
import { unionClosure } from "./node_code.ts";

export type StaticComponents = Omit<KeyComponents, "inputs">;

export interface StaticContext {
  /** Closure of every module URL below. */
  closures: Map<string, ModuleClosure>;
  /** Node id → its task module and implementation modules (`nodeModules`). */
  modules: Map<string, string[]>;
  seed: number;
  /** Concrete backend name used for tasks with `usesBackend`. */
  backend: string;
  fingerprints: Map<string, string | null>;
}

export function staticComponents(node: GraphNode, context: StaticContext): StaticComponents {
  const closure = unionClosure(
    context.closures,
    context.modules.get(node.id) ?? [node.task.module],
  );
  return {
    format: KEY_FORMAT_VERSION,
    kind: node.kind,
    id: node.id,
    task: node.task.name,
    params: node.params,
    code: closure.files,
    npm: closure.npm,
    seed: node.task.seeded ? context.seed : null,
    backend: node.task.usesBackend ? context.backend : "none",
    fingerprint: context.fingerprints.get(node.id) ?? null,
  };
}

/** Input components from known upstream output hashes; null while any is unknown. */
export function inputComponents(
  graph: PipelineGraph,
  node: GraphNode,
  outputHashes: Map<string, string>,
): KeyComponents["inputs"] | null {
  const inputs: KeyComponents["inputs"] = {};
  for (const [name, binding] of Object.entries(node.inputs)) {
    if (binding.kind === "one") {
      const hash = outputHashes.get(binding.node);
      if (hash === undefined) return null;
      inputs[name] = hash;
      continue;
    }
    const gathered: GatheredHash[] = [];
    for (const id of binding.nodes) {
      const hash = outputHashes.get(id);
      if (hash === undefined) return null;
      gathered.push({ id, coords: graph.byId.get(id)!.coords, hash });
    }
    inputs[name] = gathered;
  }
  return inputs;
}

export function keyOf(components: KeyComponents): string {
  return sha256Hex(canonicalJson(components));
}
