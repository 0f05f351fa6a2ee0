/**
 * A no-op re-run is not recorded: a run in which every node was a cache hit, with the same
 * nodes, keys and outputs as the pipeline's last recorded run, adds nothing the ledger does
 * not hold already, so it is not appended (the CLI says which run it repeats). A run that
 * computed, failed or was interrupted anything, or that returns to a configuration other than
 * the pipeline's last one, is always recorded.
 */
import type { LedgerEntry } from "./ledger.ts";

/** The recorded run that `entry` repeats, or null when `entry` must be appended. */
export function repeatedRun(entries: LedgerEntry[], entry: LedgerEntry): LedgerEntry | null {
  if (entry.status !== "ok" || entry.nodes.some((node) => node.outcome !== "hit")) return null;
  const last = entries.findLast((previous) => previous.pipeline === entry.pipeline);
  if (!last || last.status !== "ok") return null;
  const fingerprint = (run: LedgerEntry) =>
    JSON.stringify([
      run.backend,
      run.seed,
      run.nodes.map((node) => [node.id, node.key, node.outputHash]),
    ]);
  return fingerprint(last) === fingerprint(entry) ? last : null;
}
