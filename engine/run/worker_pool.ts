/**
 * Task Workers kept for the next node of a run. A fresh Worker imports its task's module
 * graph again (tfjs with its backends is ~0.2 s of a Worker's start on the 2-core workplace
 * machine), which for the short predict and baseline nodes was most of their time.
 *
 * A Worker is kept only after a node that finished, and not after a webgpu node (each
 * backend start opens a GPU device, which only terminating the Worker frees); one whose node
 * failed, timed out or was interrupted is terminated, whatever state it was left in. Before
 * its next node a kept Worker disposes the variables the last node left, and resets tfjs
 * whole if tensors remain (`worker_entry.ts`); otherwise the next node finds the backend, its
 * heap and compiled kernels as the last node left them. It keeps its imported modules with
 * their state: the kernels, gradients and layer classes registered so far (a node that
 * forgets to import one it needs may pass here and fail in a fresh Worker or under
 * `--queue`), and tfjs-layers' counters for unnamed layers, which is why models name theirs
 * (`models/tf/serialize.ts`). `tests/tasks/train_test.ts` checks that a TFT fit in a kept
 * Worker gives a fresh Worker's bytes.
 *
 * Idle Workers keep the process alive, and each holds the wasm heap of its last node: whoever
 * makes a pool closes it as soon as its nodes are done.
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

  /**
   * Keeps a Worker whose node finished on `backend`, for the next node; terminates it once
   * closed or after a webgpu node. An error it raises while idle (work its last node left
   * behind) terminates it.
   */
  keep(worker: Worker, backend: string): void {
    if (backend === "webgpu" || this.#closed) return worker.terminate();
    worker.onmessage = null;
    worker.onerror = (event) => {
      event.preventDefault();
      this.#idle = this.#idle.filter((idle) => idle !== worker);
      worker.terminate();
    };
    this.#idle.push(worker);
  }

  /** Terminates the idle Workers; one still running is terminated when its node ends. */
  close(): void {
    this.#closed = true;
    for (const worker of this.#idle.splice(0)) worker.terminate();
  }
}
