/**
 * The expanded node graph a run plans and executes (one node per sweep expansion), and the
 * queries on it: up- and downstream closures, and the `--only` / `--force` selectors.
 */
import type { AnyTask, NodeKind } from "../task.ts";
import { UserError } from "./errors.ts";

export type InputBinding =
  | { kind: "one"; node: string }
  | { kind: "gather"; nodes: string[] };

export interface GraphNode {
  /** Expansion id, e.g. `fit[testYear=2016,model=tft]`, or the group id when not swept. */
  id: string;
  /** The declared id shared by all expansions. */
  group: string;
  kind: NodeKind;
  task: AnyTask;
  coords: Record<string, string>;
  /** Parameters after sweeps, `--set` and the task's schema (defaults filled in). */
  params: unknown;
  inputs: Record<string, InputBinding>;
  /** Distinct upstream node ids, in input order. */
  upstream: string[];
}

export interface PipelineGraph {
  name: string;
  /** The pipeline's one-line description (`pipeline({ description })`), if any. */
  description: string | null;
  /** DAG file path, relative to the project root. */
  file: string;
  seed: number;
  /** Topological order; declaration order where the graph allows. */
  nodes: GraphNode[];
  byId: Map<string, GraphNode>;
  /** Group id → expansion ids. */
  groups: Map<string, string[]>;
  /** `--set` assignments as given on the command line. */
  overrides: string[];
}

export function expansionId(group: string, coords: Record<string, string>): string {
  const parts = Object.entries(coords).map(([axis, label]) => `${axis}=${label}`);
  return parts.length ? `${group}[${parts.join(",")}]` : group;
}

/** Node ids downstream of `ids` (not including them), in graph order. */
export function downstreamOf(graph: PipelineGraph, ids: Iterable<string>): Set<string> {
  const marked = new Set(ids);
  const result = new Set<string>();
  for (const node of graph.nodes) {
    if (node.upstream.some((id) => marked.has(id))) {
      marked.add(node.id);
      result.add(node.id);
    }
  }
  return result;
}

/** Node ids upstream of `ids` (including them). */
export function closureOf(graph: PipelineGraph, ids: Iterable<string>): Set<string> {
  const result = new Set<string>();
  const stack = [...ids];
  while (stack.length) {
    const id = stack.pop()!;
    if (result.has(id)) continue;
    result.add(id);
    stack.push(...graph.byId.get(id)!.upstream);
  }
  return result;
}

/** Resolves a group id or an expansion id to expansion ids. */
export function resolveSelector(graph: PipelineGraph, selector: string): string[] | null {
  if (graph.byId.has(selector)) return [selector];
  return graph.groups.get(selector) ?? null;
}

/** `--only` and `--force` selectors (group ids or expansion ids) to expansion ids. */
export function resolveSelectors(
  graph: PipelineGraph,
  selectors: string[],
  flag: string,
): string[] {
  return selectors.flatMap((selector) => {
    const ids = resolveSelector(graph, selector);
    if (ids) return ids;
    throw new UserError(
      `${flag} ${selector}: no such node in ${graph.name}; nodes: ${
        [...graph.groups.keys()].join(", ")
      }`,
    );
  });
}

/** The nodes a run covers: `--only` nodes and what they need, or every node. */
export function targetNodes(graph: PipelineGraph, only: string[]): Set<string> {
  if (only.length === 0) return new Set(graph.nodes.map((node) => node.id));
  return closureOf(graph, resolveSelectors(graph, only, "--only"));
}
