/**
 * Runs that started but never recorded their end. A run writes a start record,
 * `.finfusion/runs/<run-id>.json`, once it holds the store lock, and removes it after its
 * ledger line is appended. A run killed by SIGKILL (or a crash, or a power cut) leaves its
 * record behind; the outputs it stored still name it as their source (`cached.runId` of a
 * later hit). `readLedger` lists such a record as a run with the status "unfinished", and the
 * next run, once it holds the lock (so the record's run is surely gone), moves it into the
 * ledger (`settleUnfinishedRuns`).
 */
import { join } from "node:path";
import { readJsonFile, writeFileAtomic } from "../store/atomic.ts";
import { safeReadDir } from "../store/store.ts";
import type { RunStart } from "./ledger.ts";

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
