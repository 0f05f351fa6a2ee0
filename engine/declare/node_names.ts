/**
 * Short human lists of node ids for status lines and ledger causes: a sweep of 36 fits
 * reads "fit (all 36 expansions)" rather than 36 ids. JSON output keeps the full lists.
 */
import type { PipelineGraph } from "./graph.ts";

/** Lists up to this many expansions of a group by id before counting them instead. */
const LISTED_EXPANSIONS = 2;

/** `ids` grouped by declared node, in graph order: "fold (all 9 expansions), spx, vix". */
export function summarizeNodes(graph: PipelineGraph, ids: Iterable<string>): string {
  const wanted = new Set(ids);
  const parts: string[] = [];
  for (const [group, expansions] of graph.groups) {
    const listed = expansions.filter((id) => wanted.has(id));
    for (const id of listed) wanted.delete(id);
    if (listed.length === 0) continue;
    if (listed.length === expansions.length && expansions.length > 1) {
      parts.push(`${group} (all ${expansions.length} expansions)`);
    } else if (listed.length <= LISTED_EXPANSIONS) {
      parts.push(...listed);
    } else {
      parts.push(`${group} (${listed.length} of ${expansions.length} expansions)`);
    }
  }
  // Ids the graph does not know (a node removed since) are listed as they are.
  return [...parts, ...wanted].join(", ");
}
