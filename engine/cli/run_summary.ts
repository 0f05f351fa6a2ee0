/**
 * What a run prints when it ends, after its one-line result: the time each stage (node
 * kind) took, and the headline table of each report it produced, read from the report's
 * `summary.md` (the table under its "Headline" heading, else its first table).
 */
import { join } from "node:path";
import type { LedgerEntry } from "../ledger/ledger.ts";
import { NODE_KINDS } from "../task.ts";
import { formatDuration, table } from "./format.ts";

/** One row per stage that has nodes: counts, compute time now, compute time cached. */
export function stageSummary(entry: LedgerEntry): string {
  const rows = NODE_KINDS.flatMap((kind) => {
    const nodes = entry.nodes.filter((node) => node.kind === kind);
    if (nodes.length === 0) return [];
    const computed = nodes.filter((node) => node.outcome === "miss");
    const cached = nodes.filter((node) => node.outcome === "hit");
    const spent = computed.reduce((sum, node) => sum + node.ms, 0);
    const saved = cached.reduce((sum, node) => sum + (node.cached?.ms ?? 0), 0);
    const slowest = computed.reduce(
      (top, node) => (top === null || node.ms > top.ms ? node : top),
      null as (typeof computed)[number] | null,
    );
    return [[
      kind,
      String(nodes.length),
      String(computed.length),
      String(cached.length),
      computed.length ? formatDuration(spent) : "-",
      cached.length ? formatDuration(saved) : "-",
      slowest ? `${slowest.id} ${formatDuration(slowest.ms)}` : "-",
    ]];
  });
  return [
    `time by stage (node compute time; parallel nodes overlap, the run took ` +
    `${formatDuration(entry.ms)}):`,
    ...table(
      ["stage", "nodes", "computed", "cached", "compute", "cache saved", "slowest"],
      rows,
    ).split("\n").map((line) => `  ${line}`),
  ].join("\n");
}

/** The headline table of a report folder's `summary.md`, aligned as text; null without one. */
export function headlineTable(folder: string): string | null {
  let markdown: string;
  try {
    markdown = Deno.readTextFileSync(join(folder, "summary.md"));
  } catch {
    return null;
  }
  const lines = markdown.split("\n");
  const heading = lines.findIndex((line) => /^#+\s.*headline/i.test(line));
  const start = lines.findIndex((line, index) => index > heading && line.startsWith("|"));
  if (start === -1) return null;
  const rows: string[][] = [];
  for (let index = start; index < lines.length && lines[index].startsWith("|"); index++) {
    const cells = splitRow(lines[index]);
    if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
    rows.push(cells);
  }
  if (rows.length < 2) return null;
  const title = heading === -1 ? "" : lines[heading].replace(/^#+\s*/, "");
  return [`${title || "summary"} (${join(folder, "summary.md")}):`, table(rows[0], rows.slice(1))]
    .join("\n");
}

function splitRow(line: string): string[] {
  return line.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((cell) =>
    cell.trim().replace(/\*\*/g, "")
  );
}
