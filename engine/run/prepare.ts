/**
 * Everything a run or `status` needs before planning: the loaded graph, the concrete
 * backend, and each node's key components that do not depend on upstream outputs (code
 * closures of the task and implementation modules, npm versions, fingerprints).
 */
import { UserError } from "../declare/errors.ts";
import type { GraphNode, PipelineGraph } from "../declare/graph.ts";
import { type StaticComponents, staticComponents } from "../keys/keys.ts";
import { loadPipeline, type PipelineRef } from "../declare/loader.ts";
import { sourceHasherFor } from "../keys/modgraph.ts";
import { nodeModules } from "../keys/node_code.ts";
import type { Project } from "../store/project.ts";

/**
 * Turns `"auto"` into a concrete compute backend. The engine knows no backend: the CLI's
 * composition root (`cli.ts`) hands in the models' resolver, so the engine imports no model.
 */
export type BackendResolver = (choice: string) => Promise<string>;

export interface PrepareOptions {
  /** A pipeline name (`weekly-tft`, `fusion/pretrain`) or `{ file }` (`--file`). */
  pipeline: PipelineRef;
  overrides?: string[];
  seed?: number;
  /** `"auto"` (the default) or a concrete backend name, passed to tasks as it is. */
  backend?: string;
  /** Resolves `"auto"`; needed only when a task uses a backend and no concrete one is named. */
  resolveBackend?: BackendResolver;
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
  const backend = await concreteBackend(options, needsBackend);
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

/** `auto` is resolved by the resolver only when some task uses a backend (it loads tfjs). */
async function concreteBackend(
  options: Pick<PrepareOptions, "backend" | "resolveBackend">,
  needed: boolean,
): Promise<string> {
  const choice = options.backend ?? "auto";
  if (choice !== "auto") return choice;
  if (!needed) return "none";
  if (!options.resolveBackend) {
    throw new UserError(
      "a task uses a compute backend and none was named: pass a concrete backend " +
        "(--backend wasm) or run through the CLI, which resolves auto",
    );
  }
  return await options.resolveBackend(choice);
}
