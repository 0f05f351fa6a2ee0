/**
 * Runs that started but never recorded their end. A run writes a start record,
 * `.finfusion/runs/<run-id>.json`, once it holds the store lock, and removes it after its
 * ledger line is appended. A run killed by SIGKILL (or a crash, or a power cut) leaves its
 * record behind; the outputs it stored still name it as their source (`cached.runId` of a
 * later hit). Readers list such a record as a run with the status "unfinished", and the next
 * run, once it holds the lock (so the record's run is surely gone), moves it into the ledger
 * (`settleUnfinishedRuns` in `ledger.ts`).
 */
import { join } from "node:path";
import { readJsonFile, writeFileAtomic } from "../store/atomic.ts";
import { safeReadDir } from "../store/store.ts";
import type { LedgerEntry } from "./ledger.ts";

/** What is known of a run when it starts: a ledger entry without its end. */
export type RunStart = Omit<
  LedgerEntry,
  "status" | "finishedAt" | "ms" | "hits" | "misses" | "nodes" | "metrics"
>;

function startsDir(stateDir: string): string {
  return join(stateDir, "runs");
}

/** Records that a run has started (call it holding the store lock). */
export function recordRunStart(stateDir: string, start: RunStart): void {
  writeFileAtomic(join(startsDir(stateDir), `${start.runId}.json`), JSON.stringify(start));
}

/** Removes a run's start record once its ledger line is written. */
export function clearRunStart(stateDir: string, runId: string): void {
  try {
    Deno.removeSync(join(startsDir(stateDir), `${runId}.json`));
  } catch {
    // Already gone.
  }
}

/** Start records without an end, as ledger entries with the status "unfinished", oldest first. */
export function unfinishedEntries(stateDir: string): LedgerEntry[] {
  return startRecords(stateDir).map(({ start }) => unfinishedEntry(start));
}

/** The ledger entry of a run known only by its start record. */
export function unfinishedEntry(start: RunStart): LedgerEntry {
  return {
    ...start,
    status: "unfinished",
    finishedAt: start.startedAt,
    ms: 0,
    hits: 0,
    misses: 0,
    nodes: [],
    metrics: {},
  };
}

/** The start records left, oldest first, with their paths. */
export function startRecords(stateDir: string): Array<{ path: string; start: RunStart }> {
  const dir = startsDir(stateDir);
  return safeReadDir(dir)
    .filter((entry) => entry.isFile && entry.name.endsWith(".json"))
    .map((entry) => join(dir, entry.name))
    .sort()
    .flatMap((path) => {
      const start = readJsonFile<RunStart>(path);
      return start?.runId && start.startedAt ? [{ path, start }] : [];
    });
}
