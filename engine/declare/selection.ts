/** `--only` and `--force` selectors: group ids or expansion ids. */
import { UserError } from "./errors.ts";
import { closureOf, type PipelineGraph, resolveSelector } from "./graph.ts";

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
