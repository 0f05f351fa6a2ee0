/**
 * The store lock: one run (or `cache gc`) at a time per state folder. An advisory
 * `flock` on `.finfusion/lock` is released by the OS when a process dies, even by
 * SIGKILL, so a crashed run never leaves the store locked. A second run prints who holds
 * the lock and waits (up to `timeoutMs`, then fails with a clear message).
 */
import { join } from "node:path";
import { readJsonFile, writeFileAtomic } from "./atomic.ts";
import { UserError } from "../declare/errors.ts";

export interface LockHolder {
  pid: number;
  purpose: string;
  since: string;
}

export interface LockOptions {
  /** What the holder is doing, shown to a waiting run, e.g. "pipeline fx". */
  purpose: string;
  /** Give up after this long; null waits forever. */
  timeoutMs: number | null;
  /** Called once, when the lock is found taken. */
  onWait?: (holder: LockHolder | null) => void;
  /** Stop waiting when it aborts (SIGINT, SIGTERM): throws {@link LockWaitInterrupted}. */
  signal?: AbortSignal;
  pollMs?: number;
}

/** The wait for the lock was interrupted: the command did nothing. */
export class LockWaitInterrupted extends Error {
  constructor(holder: LockHolder | null) {
    super(
      `interrupted while waiting for the store lock held by ${describeHolder(holder)}; nothing ran`,
    );
    this.name = "LockWaitInterrupted";
  }
}

export interface StoreLock {
  release(): void;
}

export async function acquireStoreLock(stateDir: string, options: LockOptions): Promise<StoreLock> {
  Deno.mkdirSync(stateDir, { recursive: true });
  const file = Deno.openSync(join(stateDir, "lock"), { create: true, write: true });
  const infoPath = join(stateDir, "lock.json");
  const started = Date.now();
  let announced = false;
  while (!(await file.tryLock(true))) {
    const holder = readJsonFile<LockHolder>(infoPath);
    if (!announced) {
      options.onWait?.(holder);
      announced = true;
    }
    if (options.signal?.aborted) {
      file.close();
      throw new LockWaitInterrupted(holder);
    }
    if (options.timeoutMs !== null && Date.now() - started >= options.timeoutMs) {
      file.close();
      throw new UserError(
        `the store in ${stateDir} is locked by ${describeHolder(holder)}; gave up after ` +
          `${Math.round((Date.now() - started) / 1000)} s. Wait for that run to finish, or ` +
          "raise --lock-timeout.",
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 200));
  }
  writeFileAtomic(
    infoPath,
    JSON.stringify({ pid: Deno.pid, purpose: options.purpose, since: new Date().toISOString() }),
  );
  return {
    release() {
      try {
        Deno.removeSync(infoPath);
      } catch {
        // Nothing to remove.
      }
      file.unlockSync();
      file.close();
    },
  };
}

export function describeHolder(holder: LockHolder | null): string {
  return holder
    ? `pid ${holder.pid} (${holder.purpose}, since ${holder.since})`
    : "another process";
}

/** What a command says while it waits for the lock (pipeline, report and cache gc alike). */
export function lockWaitMessage(holder: LockHolder | null): string {
  return `waiting for the store lock held by ${describeHolder(holder)}…`;
}
