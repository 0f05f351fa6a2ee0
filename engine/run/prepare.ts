/**
 * Everything a run or `status` needs before planning: the loaded graph, the concrete
 * backend, and each node's key components that do not depend on upstream outputs (code
 * closures of the task and implementation modules, npm versions, fingerprints).
 */
import type { BackendChoice } from "../../models/tf/backend.ts";
import { UserError } from "../declare/errors.ts";
import type { GraphNode, PipelineGraph } from "../declare/graph.ts";
import { type StaticComponents, staticComponents } from "../keys/keys.ts";
import { loadPipeline } from "../declare/loader.ts";
import { sourceHasherFor } from "../keys/modgraph.ts";
import { nodeModules } from "../keys/node_code.ts";
import type { Project } from "../store/project.ts";

export interface PrepareOptions {
  pipeline: string;
  overrides?: string[];
  seed?: number;
  backend?: BackendChoice;
  dataDir?: string | null;
  offline?: boolean;
}

export interface Prepared {
  graph: PipelineGraph;
  statics: Map<string, StaticComponents>;
  /** Concrete backend for tasks that use one ("none" when no task does and none was named). */
  backend: string;
  dataDir: string | null;
  offline: boolean;
}

export async function preparePipeline(
  project: Project,
  options: PrepareOptions,
): Promise<Prepared> {
  const graph = await loadPipeline({
    root: project.root,
    pipeline: options.pipeline,
    overrides: options.overrides,
    seed: options.seed,
  });
  const dataDir = options.dataDir ?? null;
  const offline = options.offline ?? false;
  const needsBackend = graph.nodes.some((node) => node.task.usesBackend);
  const backend = await concreteBackend(options.backend ?? "auto", needsBackend);
  const hasher = sourceHasherFor(project);
  const modules = new Map(graph.nodes.map((node) => [node.id, modulesOf(graph, node)]));
  // One call for every module: the hasher resolves the stale ones in parallel.
  const closures = await hasher.closures([...modules.values()].flat());
  const fingerprints = new Map<string, string | null>();
  await Promise.all(graph.nodes.map(async (node) => {
    if (!node.task.fingerprint) return;
    try {
      fingerprints.set(node.id, await node.task.fingerprint(node.params, { dataDir, offline }));
    } catch (error) {
      throw new UserError(
        `${graph.file}: node "${node.id}": fingerprint of task "${node.task.name}" failed: ` +
          `${error instanceof Error ? error.message : error}`,
      );
    }
  }));
  const context = { closures, modules, seed: graph.seed, backend, fingerprints };
  const statics = new Map(graph.nodes.map((node) => [node.id, staticComponents(node, context)]));
  return { graph, statics, backend, dataDir, offline };
}

function modulesOf(graph: PipelineGraph, node: GraphNode): string[] {
  try {
    return nodeModules(node.task, node.params);
  } catch (error) {
    throw new UserError(
      `${graph.file}: node "${node.id}": ${error instanceof Error ? error.message : error}`,
    );
  }
}

/** `auto` is resolved by `resolveBackend` only when some task uses a backend (it loads tfjs). */
async function concreteBackend(choice: BackendChoice, needed: boolean): Promise<string> {
  if (choice !== "auto") return choice;
  if (!needed) return "none";
  const { resolveBackend } = await import("../../models/tf/backend.ts");
  return await resolveBackend("auto");
}
