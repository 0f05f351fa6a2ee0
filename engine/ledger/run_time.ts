/**
 * Where a run's compute time went: the time of the nodes it ran, per node group, split along each
 * of the group's coordinate axes, so `runs show` can say which part of a DAG is slow (the TFT
 * fits, one fold, one seed). A node's time is what its task took, a Worker's start included;
 * nodes that ran side by side add up to more than the wall time, and the ratio of the two is
 * how many ran at once on average.
 */
import type { LedgerNode } from "./ledger.ts";

export interface Share {
  value: string;
  nodes: number;
  ms: number;
}

export interface GroupTime {
  group: string;
  nodes: number;
  ms: number;
  longest: { id: string; ms: number };
  /** Per coordinate axis with two or more values among the group's nodes that ran, slowest first. */
  axes: Array<{ axis: string; values: Share[] }>;
}

export interface RunTime {
  /**
   * Nodes this run ran (computed, failed, or interrupted after they started) and their summed
   * time; cached, skipped and never-started nodes took none.
   */
  ran: number;
  ranMs: number;
  /** Groups with nodes that ran, slowest first. */
  groups: GroupTime[];
}

export function runTime(nodes: readonly LedgerNode[]): RunTime {
  const ran = nodes.filter((node) =>
    node.outcome === "miss" || node.outcome === "failed" ||
    (node.outcome === "interrupted" && node.ms > 0)
  );
  const groups = [...Map.groupBy(ran, (node) => node.group)].map(([group, members]): GroupTime => {
    const longest = members.reduce((a, b) => (b.ms > a.ms ? b : a));
    const axisNames = [...new Set(members.flatMap((node) => Object.keys(node.coords)))];
    const axes = axisNames
      .map((axis) => ({ axis, values: shares(members, (node) => node.coords[axis] ?? "-") }))
      .filter(({ values }) => values.length > 1);
    return {
      group,
      nodes: members.length,
      ms: sum(members),
      longest: { id: longest.id, ms: longest.ms },
      axes,
    };
  });
  return {
    ran: ran.length,
    ranMs: sum(ran),
    groups: groups.sort((a, b) => b.ms - a.ms),
  };
}

function shares(nodes: LedgerNode[], valueOf: (node: LedgerNode) => string): Share[] {
  return [...Map.groupBy(nodes, valueOf)]
    .map(([value, members]) => ({ value, nodes: members.length, ms: sum(members) }))
    .sort((a, b) => b.ms - a.ms);
}

const sum = (nodes: LedgerNode[]) => nodes.reduce((total, node) => total + node.ms, 0);
