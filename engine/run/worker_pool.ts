/**
 * Task Workers kept for the next node of a run. A fresh Worker imports its task's module
 * graph again (tfjs with its backends is ~0.2 s of a Worker's start on the 2-core workplace
 * machine), which for the short predict and baseline nodes was most of their time.
 *
 * A Worker is kept only after a node that finished: one that failed, timed out or was
 * interrupted is terminated, whatever state it was left in. Between nodes the Worker resets
 * tfjs (`worker_entry.ts`), so each node starts from what a fresh Worker gives it: no
 * tensors, variables or backend, tfjs's flags at their defaults. What a Worker keeps is
 * its imported modules and the counters tfjs-layers names unnamed layers with, which is
 * why models name their layers (`models/tf/serialize.ts`); `tests/engine/run` checks that
 * a kept Worker gives the same bytes as a fresh one.
 *
 * Idle Workers keep the process alive: whoever makes a pool closes it.
 */

/** A new task Worker (`worker_entry.ts`). */
export function taskWorker(): Worker {
  return new Worker(new URL("./worker_entry.ts", import.meta.url), { type: "module" });
}

export class WorkerPool {
  #idle: Worker[] = [];
  #closed = false;

  /** An idle Worker, or a new one. */
  take(): Worker {
    if (this.#closed) throw new Error("WorkerPool.take: the pool is closed; make a new one");
    return this.#idle.pop() ?? taskWorker();
  }

  /** Keeps a Worker whose node finished, for the next node (terminates it once closed). */
  keep(worker: Worker): void {
    worker.onmessage = null;
    worker.onerror = null;
    if (this.#closed) worker.terminate();
    else this.#idle.push(worker);
  }

  /** Terminates the idle Workers; one still running is terminated when its node ends. */
  close(): void {
    this.#closed = true;
    for (const worker of this.#idle.splice(0)) worker.terminate();
  }
}
