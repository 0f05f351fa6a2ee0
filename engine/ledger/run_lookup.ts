/**
 * Finds a run in the ledger by what a researcher has at hand: `last`, a run id or a unique
 * prefix of one, or a report folder's name (the first hex digits of a report node's key,
 * as `runs` and the report path show it; the latest run that published it).
 */
import { UserError } from "../declare/errors.ts";
import type { LedgerEntry } from "./ledger.ts";

export function findRun(entries: LedgerEntry[], token: string, stateDir: string): LedgerEntry {
  if (entries.length === 0) {
    throw new UserError(`no runs recorded in ${stateDir}: run a pipeline first`);
  }
  if (token === "last") return entries[entries.length - 1];
  const exact = entries.find((entry) => entry.runId === token);
  if (exact) return exact;
  const byId = entries.filter((entry) => entry.runId.startsWith(token));
  if (byId.length === 1) return byId[0];
  if (byId.length > 1) {
    throw new UserError(
      `run "${token}" is ambiguous: ${byId.length} runs start with it ` +
        `(${byId.slice(0, 3).map((entry) => entry.runId).join(", ")}…); type more of the id`,
    );
  }
  if (/^[0-9a-f]{6,64}$/.test(token)) {
    const byReport = entries.filter((entry) =>
      entry.nodes.some((node) => node.report && node.key?.startsWith(token))
    );
    if (byReport.length) return byReport[byReport.length - 1];
  }
  throw new UserError(
    `no run "${token}" in ${stateDir}: give a run id (or its first characters), a report ` +
      "folder's name, or `last`; `deno task runs` lists them",
  );
}
